import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { startReplay, type ProjectionStatus } from './api';
import { useProjections } from './hooks';
import './timeline.css';

interface Props {
  /** How often the list is fetched again while a replay runs (ms). */
  pollMs?: number;
}

const projectionsKey = ['timeline', 'projections'];

/**
 * The projections admin (#/admin/projections): each read model's position, lag and status, and a Replay button
 * that rebuilds it from the first event. The server answers a replay at once (202) and shows its progress in the
 * list, so the list is polled while a replay runs, until the projection is live again.
 */
export function ProjectionsAdminPage({ pollMs = 1000 }: Props) {
  const queryClient = useQueryClient();
  const [started, setStarted] = useState<string[]>([]);
  const [finished, setFinished] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const projections = useProjections(pollMs, started.length > 0);

  const replay = useMutation({
    mutationFn: (name: string) => startReplay(name),
    onMutate: (name) => {
      setErrors(({ [name]: _, ...rest }) => rest);
      setFinished((current) => current.filter((n) => n !== name));
    },
    onSuccess: (status, name) => {
      setStarted((current) => (current.includes(name) ? current : [...current, name]));
      queryClient.setQueryData<ProjectionStatus[]>(projectionsKey, (current) =>
        current?.map((p) => (p.name === name ? { ...p, ...status } : p)),
      );
    },
    onError: (error, name) => setErrors((current) => ({ ...current, [name]: error.message })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: projectionsKey }),
  });

  // A replay we started is done once its projection is live again.
  const data = projections.data;
  useEffect(() => {
    if (!data) return;
    const done = started.filter((name) => data.some((p) => p.name === name && p.status !== 'replaying'));
    if (done.length) {
      setStarted((current) => current.filter((name) => !done.includes(name)));
      setFinished((current) => [...current.filter((name) => !done.includes(name)), ...done]);
    }
  }, [data, started]);

  return (
    <div className="tl-page tl-admin">
      <header className="tl-header">
        <h1 id="page-title">Projections</h1>
        <button type="button" onClick={() => void projections.refetch()} disabled={projections.isFetching}>
          Refresh
        </button>
      </header>
      <p className="tl-hint">
        Each read model follows the event store. Replaying one rebuilds it from the first event; reads keep working
        meanwhile.
      </p>
      <div aria-live="polite" className="tl-notices">
        {finished.map((name) => (
          <p key={name} className="tl-ok">
            Replay of {name} finished.
          </p>
        ))}
      </div>
      {projections.isError && (
        <div className="tl-error" role="alert">
          <p>Could not load the projections: {projections.error.message}</p>
          <button type="button" onClick={() => void projections.refetch()}>
            Try again
          </button>
        </div>
      )}
      {projections.isPending && <p role="status">Loading projections…</p>}
      {data && (
        <table className="tl-table">
          <caption className="sr-only">Projections</caption>
          <thead>
            <tr>
              <th scope="col">Projection</th>
              <th scope="col">Position</th>
              <th scope="col">Lag</th>
              <th scope="col">Status</th>
              <th scope="col">Replay</th>
            </tr>
          </thead>
          <tbody>
            {data.map((p) => {
              const replaying = p.status === 'replaying';
              const starting = replay.isPending && replay.variables === p.name;
              const percent = Math.round((p.replay_progress ?? 0) * 100);
              return (
                <tr key={p.name} aria-label={p.name}>
                  <th scope="row">{p.name}</th>
                  <td>{p.position}</td>
                  <td>{p.lag}</td>
                  <td>
                    <span className={`tl-status tl-status-${p.status}`}>{p.status}</span>
                    {replaying && (
                      <span className="tl-progress">
                        <progress max={100} value={percent} aria-label={`Replay progress of ${p.name}`} />{' '}
                        {percent} %
                      </span>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Replay ${p.name}`}
                      disabled={replaying || starting}
                      onClick={() => replay.mutate(p.name)}
                    >
                      {starting ? 'Starting…' : replaying ? 'Replaying…' : 'Replay'}
                    </button>
                    {errors[p.name] && (
                      <p className="tl-error" role="alert">
                        {errors[p.name]}
                      </p>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
