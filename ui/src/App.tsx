import { BoardView } from './components/BoardView';
import { ErrorState } from './components/ErrorState';
import { Sidebar } from './components/Sidebar';
import { resolveSelectedProject } from './board';
import { useBoard, useBoardStream, useProjectParam, useProjects } from './hooks';

export function App() {
  const projects = useProjects();
  const [requested, select] = useProjectParam();
  const items = projects.data?.items;
  const selectedId = items ? resolveSelectedProject(items, requested) : requested;
  const board = useBoard(selectedId);
  const stream = useBoardStream(board.isSuccess ? selectedId : null);
  const project = items?.find((p) => p.project_id === selectedId);

  let content;
  if (projects.isError && !selectedId) {
    content = <ErrorState title="Could not load projects" error={projects.error} onRetry={() => projects.refetch()} />;
  } else if (!selectedId && projects.isPending) {
    content = <p className="state" role="status">Loading projects…</p>;
  } else if (!selectedId) {
    content = (
      <div className="state state-empty">
        <h1>No projects</h1>
        <p>
          No projects yet — create one with <code>POST /api/v1/projects</code>
        </p>
      </div>
    );
  } else if (board.isError) {
    content = <ErrorState title="Could not load the board" error={board.error} onRetry={() => board.refetch()} />;
  } else if (board.isPending) {
    content = <p className="state" role="status">Loading board…</p>;
  } else {
    content = (
      <BoardView
        board={board.data}
        projectName={project?.name ?? board.data.project_id}
        vision={project?.vision}
        stream={stream}
        refreshing={board.isFetching}
      />
    );
  }

  return (
    <div className="app">
      <Sidebar projects={items} loading={projects.isPending} failed={projects.isError} selectedId={selectedId} onSelect={select} />
      <main className="main" aria-labelledby={board.isSuccess && selectedId ? 'board-title' : undefined}>
        {content}
      </main>
    </div>
  );
}
