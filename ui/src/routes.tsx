import { lazy, Suspense, type ReactElement } from 'react';
import type { RouteObject } from 'react-router';
import { useParams } from 'react-router';

// Each page is its own chunk, loaded when first opened: the board does not wait for the canvas's layout engine.
const PlanPage = lazy(() => import('./plan').then((m) => ({ default: m.PlanPage })));
const RunPage = lazy(() => import('./plan').then((m) => ({ default: m.RunPage })));
const AttemptPage = lazy(() => import('./attempt').then((m) => ({ default: m.AttemptPage })));
const SettingsPage = lazy(() => import('./settings').then((m) => ({ default: m.SettingsPage })));
const TimelinePage = lazy(() => import('./timeline').then((m) => ({ default: m.TimelinePage })));
const ProjectionsAdminPage = lazy(() => import('./timeline').then((m) => ({ default: m.ProjectionsAdminPage })));

/**
 * The pages besides the board, added to the shell's routes (see `baseRoutes` in App.tsx):
 *
 *   #/p/:projectId/plan       the project's plan canvas (compile, confirm, run)
 *   #/p/:projectId/settings   settings with the project's tab
 *   #/runs/:runId             a run's live DAG
 *   #/attempts/:attemptId     an attempt: logs, diff, gates, summary, review actions
 *   #/timeline                the event timeline with time travel
 *   #/admin/projections       projection positions, lag and replay
 *   #/settings                agent profiles and moxxy
 */
export const pageRoutes: RouteObject[] = [
  { path: '/p/:projectId/plan', element: <WithParam name="projectId" render={(id) => <PlanPage key={id} projectId={id} />} /> },
  {
    path: '/p/:projectId/settings',
    element: <WithParam name="projectId" render={(id) => <SettingsPage key={id} projectId={id} />} />,
  },
  { path: '/runs/:runId', element: <WithParam name="runId" render={(id) => <RunPage key={id} runId={id} />} /> },
  {
    path: '/attempts/:attemptId',
    element: <WithParam name="attemptId" render={(id) => <AttemptPage key={id} attemptId={id} />} />,
  },
  { path: '/timeline', element: <Loading><TimelinePage /></Loading> },
  { path: '/admin/projections', element: <Loading><ProjectionsAdminPage /></Loading> },
  { path: '/settings', element: <Loading><SettingsPage projectId={null} /></Loading> },
];

function Loading({ children }: { children: ReactElement }) {
  return (
    <Suspense
      fallback={
        <p className="state" role="status">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

/** Renders a page with a path parameter (keyed by it, so another id starts the page afresh). */
function WithParam({ name, render }: { name: string; render: (value: string) => ReactElement }) {
  const value = useParams()[name];
  return value ? <Loading>{render(value)}</Loading> : null;
}
