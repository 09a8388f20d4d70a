// The run options of a confirmed graph: max agents, target branch, agent profile, merge and failure policies.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AgentProfile, FailurePolicy, MergePolicy, RunOptionsBody } from './api';

/** The body of `POST /graphs/{id}/run` from the form's fields (retry_limit only with the retry policy). */
export function runBody(fields: {
  maxAgents: string;
  targetBranch: string;
  agentProfileId: string;
  mergePolicy: MergePolicy;
  failurePolicy: FailurePolicy;
  retryLimit: string;
}): RunOptionsBody {
  const body: RunOptionsBody = {
    max_agents: Number(fields.maxAgents),
    target_branch: fields.targetBranch.trim(),
    agent_profile_id: fields.agentProfileId || null,
    merge_policy: fields.mergePolicy,
    failure_policy: fields.failurePolicy,
  };
  if (fields.failurePolicy === 'retry') body.retry_limit = Number(fields.retryLimit);
  return body;
}

export function RunDialog({
  defaultBranch,
  agents,
  agentsError,
  busy,
  error,
  onRun,
  onClose,
}: {
  defaultBranch: string;
  agents: AgentProfile[] | undefined;
  agentsError?: string | null;
  busy: boolean;
  error: string | null;
  onRun: (body: RunOptionsBody) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [maxAgents, setMaxAgents] = useState('3');
  const [targetBranch, setTargetBranch] = useState(defaultBranch);
  const [agentProfileId, setAgentProfileId] = useState('');
  const [mergePolicy, setMergePolicy] = useState<MergePolicy>('manual');
  const [failurePolicy, setFailurePolicy] = useState<FailurePolicy>('fail_fast');
  const [retryLimit, setRetryLimit] = useState('1');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onRun(runBody({ maxAgents, targetBranch, agentProfileId, mergePolicy, failurePolicy, retryLimit }));
  };

  return (
    <div className="plan-dialog-backdrop">
      <div
        className="plan-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-h`}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <form onSubmit={submit} className="plan-form">
          <h2 id={`${id}-h`}>Run the graph</h2>
          <label htmlFor={`${id}-max`}>Max agents</label>
          <input
            id={`${id}-max`}
            ref={first}
            type="number"
            min={1}
            max={64}
            required
            value={maxAgents}
            onChange={(e) => setMaxAgents(e.target.value)}
          />
          <label htmlFor={`${id}-branch`}>Target branch</label>
          <input
            id={`${id}-branch`}
            required
            value={targetBranch}
            onChange={(e) => setTargetBranch(e.target.value)}
          />
          <label htmlFor={`${id}-agent`}>Agent profile</label>
          <select id={`${id}-agent`} value={agentProfileId} onChange={(e) => setAgentProfileId(e.target.value)}>
            <option value="">Each task's own</option>
            {(agents ?? []).map((a) => (
              <option key={a.agent_profile_id} value={a.agent_profile_id}>
                {a.name} ({a.adapter})
              </option>
            ))}
          </select>
          {agentsError ? <p className="plan-error">Agent profiles could not be loaded: {agentsError}</p> : null}
          <label htmlFor={`${id}-merge`}>Merge policy</label>
          <select id={`${id}-merge`} value={mergePolicy} onChange={(e) => setMergePolicy(e.target.value as MergePolicy)}>
            <option value="manual">Manual (a person approves)</option>
            <option value="auto_on_gates_pass">Automatic when the gates pass</option>
          </select>
          <label htmlFor={`${id}-failure`}>Failure policy</label>
          <select
            id={`${id}-failure`}
            value={failurePolicy}
            onChange={(e) => setFailurePolicy(e.target.value as FailurePolicy)}
          >
            <option value="fail_fast">Fail fast</option>
            <option value="best_effort">Best effort</option>
            <option value="retry">Retry</option>
          </select>
          <label htmlFor={`${id}-retry`}>Retry limit</label>
          <input
            id={`${id}-retry`}
            type="number"
            min={0}
            max={10}
            disabled={failurePolicy !== 'retry'}
            value={failurePolicy === 'retry' ? retryLimit : '0'}
            onChange={(e) => setRetryLimit(e.target.value)}
          />
          {error ? (
            <p role="alert" className="plan-error">
              {error}
            </p>
          ) : null}
          <div className="plan-actions">
            <button type="submit" disabled={busy}>
              {busy ? 'Starting…' : 'Start run'}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
