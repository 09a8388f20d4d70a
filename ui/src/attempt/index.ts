export { AttemptPage, attemptHref, taskHref } from './AttemptPage';
export type { AttemptPageProps, AttemptTab } from './AttemptPage';
