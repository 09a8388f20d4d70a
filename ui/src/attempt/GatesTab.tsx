import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fetchArtifact } from './attemptApi';
import { formatDuration } from './format';
import { gateCommands } from './logModel';
import type { Gate, StreamMessage } from './types';

export function GatesTab({ gates, messages, status }: { gates: Gate[]; messages: StreamMessage[]; status: string }) {
  const commands = useMemo(() => gateCommands(messages), [messages]);
  if (gates.length === 0) {
    return (
      <p className="attempt-muted">
        {status === 'queued' || status === 'running' || status === 'gates_running'
          ? 'No gate has finished yet.'
          : 'No gates ran for this attempt.'}
      </p>
    );
  }
  return (
    <ul className="attempt-gates" aria-label="Gates">
      {gates.map((g, i) => (
        <GateItem key={`${g.gate}-${i}`} gate={g} command={commands[g.gate] ?? null} />
      ))}
    </ul>
  );
}

function GateItem({ gate, command }: { gate: Gate; command: string | null }) {
  const [open, setOpen] = useState(false);
  const passed = gate.exit_code === 0;
  const output = useQuery({
    queryKey: ['artifact', gate.output_ref],
    queryFn: ({ signal }) => fetchArtifact(gate.output_ref!, signal),
    enabled: open && !!gate.output_ref,
    retry: false,
    staleTime: Infinity,
  });
  const panelId = `gate-output-${gate.gate}`;
  return (
    <li className={`attempt-gate ${passed ? 'is-pass' : 'is-fail'}`} aria-label={`Gate ${gate.gate}`}>
      <div className="attempt-gate-head">
        <strong className="attempt-gate-name">{gate.gate}</strong>
        <span className={`log-pill ${passed ? 'is-pass' : 'is-fail'}`}>
          {passed ? 'Passed' : 'Failed'} · exit {gate.exit_code}
        </span>
        <span className="attempt-muted">{formatDuration(gate.duration_ms)}</span>
        {gate.output_ref && (
          <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide output' : 'Show output'}
          </button>
        )}
      </div>
      {command && (
        <code className="attempt-gate-command" aria-label="Command">
          $ {command}
        </code>
      )}
      {open && (
        <div id={panelId}>
          {output.isPending && <p className="attempt-muted">Loading the output…</p>}
          {output.isError && (
            <p className="attempt-error" role="alert">
              {output.error.message}
            </p>
          )}
          {output.isSuccess && (
            <pre className="log-output attempt-gate-output">{output.data || '(no output)'}</pre>
          )}
        </div>
      )}
    </li>
  );
}
