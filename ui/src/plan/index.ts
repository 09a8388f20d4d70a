export { PlanPage } from './PlanPage';
export { RunPage } from './RunPage';
