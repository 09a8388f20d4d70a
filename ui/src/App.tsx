import { useState } from 'react';
import { HashRouter, Navigate, useMatch, useNavigate, useRoutes, type RouteObject } from 'react-router';
import { ErrorState } from './components/ErrorState';
import { Sidebar } from './components/Sidebar';
import { BoardPage } from './board/BoardPage';
import { NewProjectDialog } from './board/NewProjectDialog';
import { resolveSelectedProject } from './board';
import { useProjects } from './hooks';
import { AuthGate, SignedInUser, useAccount } from './auth/session';

/**
 * Routes of the app shell (hash URLs: the server serves only `/` and static files).
 *
 *   #/               → the first project's board, or an empty state
 *   #/p/:projectId   → the board; `?task=<id>` opens the task drawer, `?q= &label= &agent= &status=` filter
 *
 * To add pages (timeline, settings, attempts, …) pass them to `<App extraRoutes={[...]} />`
 * (main.tsx is the one place that renders App): they are matched together with these,
 * most specific path first, and rendered inside `<main>` next to the sidebar. A page
 * should give its `<h1>` the id `page-title`: it names the `<main>` landmark.
 */
export const baseRoutes: RouteObject[] = [
  { path: '/', element: <Home /> },
  { path: '/p/:projectId', element: <BoardPage /> },
  { path: '*', element: <NotFound /> },
];

export interface AppProps {
  /** More routes for the shell (see {@link baseRoutes}). */
  extraRoutes?: RouteObject[];
}

/**
 * The old `/?project=<id>` URL becomes `/#/p/<id>` before the router reads the
 * location (bookmarks and the first e2e use it).
 */
export function redirectLegacyProjectParam(): void {
  const url = new URL(window.location.href);
  const project = url.searchParams.get('project');
  if (!project) return;
  url.searchParams.delete('project');
  const hash = url.hash && url.hash !== '#' && url.hash !== '#/' ? url.hash : `#/p/${encodeURIComponent(project)}`;
  window.history.replaceState(null, '', `${url.pathname}${url.search}${hash}`);
}

export function App({ extraRoutes = [] }: AppProps) {
  // Runs once, before HashRouter reads window.location.
  useState(redirectLegacyProjectParam);
  return (
    <HashRouter>
      <AuthGate>
        <Shell extraRoutes={extraRoutes} />
      </AuthGate>
    </HashRouter>
  );
}

function Shell({ extraRoutes }: { extraRoutes: RouteObject[] }) {
  const projects = useProjects();
  const match = useMatch('/p/:projectId/*');
  const element = useRoutes([...extraRoutes, ...baseRoutes]);
  const navigate = useNavigate();
  const [newProject, setNewProject] = useState(false);
  const account = useAccount();
  return (
    <div className="app">
      <Sidebar
        projects={projects.data?.items}
        loading={projects.isPending}
        failed={projects.isError}
        selectedId={match?.params.projectId ?? null}
        onNewProject={() => setNewProject(true)}
        admin={!account || account.is_admin}
      >
        {account && <SignedInUser me={account} />}
      </Sidebar>
      <main className="main" aria-labelledby="page-title">
        {element}
      </main>
      {newProject && (
        <NewProjectDialog
          onClose={() => setNewProject(false)}
          onCreated={(id) => {
            setNewProject(false);
            navigate(`/p/${encodeURIComponent(id)}`);
          }}
        />
      )}
    </div>
  );
}

function Home() {
  const projects = useProjects();
  if (projects.isError) {
    return <ErrorState title="Could not load projects" error={projects.error} onRetry={() => projects.refetch()} />;
  }
  if (projects.isPending) {
    return (
      <p className="state" role="status">
        Loading projects…
      </p>
    );
  }
  const selected = resolveSelectedProject(projects.data.items, null);
  if (selected) return <Navigate to={`/p/${encodeURIComponent(selected)}`} replace />;
  return (
    <div className="state state-empty">
      <h1 id="page-title">No projects</h1>
      <p>
        No projects yet — create one with the <strong>New project</strong> button (or <code>POST /api/v1/projects</code>)
      </p>
    </div>
  );
}

function NotFound() {
  return (
    <div className="state state-empty">
      <h1 id="page-title">Page not found</h1>
      <p>
        Nothing lives at this address. <a href="#/">Go to the board</a>
      </p>
    </div>
  );
}
