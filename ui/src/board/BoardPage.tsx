import { useCallback, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { BoardView } from '../components/BoardView';
import { boardColumns, FILTER_KEYS, filtersFromParams, withFilter } from '../board';
import { useAgents, useBoard, useBoardStream, useMoveTask, useProjects } from '../hooks';
import { BoardToolbar } from './BoardToolbar';
import { NewAgentDialog } from './NewAgentDialog';
import { NewTaskDialog } from './NewTaskDialog';
import { TaskDrawer } from './TaskDrawer';

/** `#/p/:projectId`: top bar, columns, and the drawer of the task named by `?task=`. */
export function BoardPage() {
  const { projectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const projects = useProjects();
  const board = useBoard(projectId, filters);
  const stream = useBoardStream(board.isSuccess ? projectId : null);
  const agents = useAgents();
  const { move, error: moveError, clearError } = useMoveTask(projectId, filters);
  const [dialog, setDialog] = useState<'task' | 'agent' | null>(null);
  const taskId = params.get('task');
  const project = projects.data?.items.find((p) => p.project_id === projectId);
  const columns = useMemo(() => (board.data ? boardColumns(board.data) : []), [board.data]);
  const labels = useMemo(
    () => [...new Set(columns.flatMap((c) => c.tasks.flatMap((t) => t.labels ?? [])))].sort(),
    [columns],
  );
  const agentList = agents.data?.items ?? [];
  // Stable while the URL stays: the board's columns and cards are memoized on it.
  const openHref = useCallback((id: string) => `?${withFilter(params, 'task', id)}`, [params]);

  if (board.isError && !board.data) {
    return <ErrorState title="Could not load the board" error={board.error} onRetry={() => board.refetch()} />;
  }
  if (!board.data) {
    return (
      <p className="state" role="status">
        Loading board…
      </p>
    );
  }

  const closeDrawer = () => {
    const next = new URLSearchParams(params);
    next.delete('task');
    setParams(next);
  };

  return (
    <div className={`board-page${taskId ? ' with-drawer' : ''}`}>
      <div className="board-area">
        <BoardView
          board={board.data}
          projectName={project?.name ?? board.data.project_id}
          vision={project?.vision}
          stream={stream}
          refreshing={board.isFetching}
          onMove={(m) => void move(m)}
          openHref={openHref}
          toolbar={
            <BoardToolbar
              filters={filters}
              onFilter={(key, value) => setParams(withFilter(params, key, value), { replace: true })}
              onClear={() => {
                const next = new URLSearchParams(params);
                for (const key of FILTER_KEYS) next.delete(key);
                setParams(next, { replace: true });
              }}
              labels={labels}
              agents={agentList}
              onNewTask={() => setDialog('task')}
              onNewAgent={() => setDialog('agent')}
            />
          }
        />
        {moveError && (
          <div className="toast" role="alert">
            <span>
              Could not move the card: {moveError.message}
              {moveError.code && moveError.code !== 'http_error' && <span className="error-code"> ({moveError.code})</span>}
            </span>
            <button type="button" className="link-button" onClick={clearError}>
              Dismiss
            </button>
          </div>
        )}
      </div>
      {taskId && (
        <TaskDrawer
          key={taskId}
          taskId={taskId}
          projectId={projectId}
          columns={columns}
          agents={agentList}
          onClose={closeDrawer}
        />
      )}
      {dialog === 'task' && (
        <NewTaskDialog projectId={projectId} columns={columns} agents={agentList} onClose={() => setDialog(null)} />
      )}
      {dialog === 'agent' && <NewAgentDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
