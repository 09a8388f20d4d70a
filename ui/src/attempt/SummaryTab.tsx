import type { Attempt } from './types';
import { availableActions } from './Actions';
import { shortSha } from './format';

export function SummaryTab({
  attempt,
  onResolveWithAgent,
  onOpenAttempt,
}: {
  attempt: Attempt;
  onResolveWithAgent: (files: string[]) => void;
  onOpenAttempt: (attemptId: string) => string;
}) {
  const stat = attempt.diff_stat;
  const merge = attempt.merge;
  const conflict = merge?.conflict;
  return (
    <div className="attempt-summary">
      {conflict && (
        <section className="attempt-conflict" role="alert" aria-labelledby="attempt-conflict-title">
          <h3 id="attempt-conflict-title">Merge conflict</h3>
          <p>{conflict.message}</p>
          {conflict.files?.length > 0 && (
            <>
              <p>Conflicting files:</p>
              <ul aria-label="Conflicting files">
                {conflict.files.map((f) => (
                  <li key={f}>
                    <code>{f}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p>What to do:</p>
          <ul>
            <li>
              Ask the agent to resolve it: request changes, and a new attempt continues from this branch with your
              feedback.{' '}
              <button
                type="button"
                disabled={!availableActions(attempt.status).requestChanges}
                onClick={() => onResolveWithAgent(conflict.files ?? [])}
              >
                Request changes to resolve
              </button>
            </li>
            <li>
              Or resolve it yourself: merge <code>{attempt.base_branch ?? 'the base branch'}</code> into{' '}
              <code>{attempt.branch ?? 'the attempt branch'}</code> in the repository, then approve again.
            </li>
          </ul>
        </section>
      )}

      {attempt.failure_reason && (
        <section className="attempt-failure" aria-labelledby="attempt-failure-title">
          <h3 id="attempt-failure-title">Why it failed</h3>
          <p className="attempt-pre">{attempt.failure_reason}</p>
        </section>
      )}

      <section aria-labelledby="attempt-summary-title">
        <h3 id="attempt-summary-title">Summary</h3>
        {attempt.summary ? (
          <p className="attempt-pre">{attempt.summary}</p>
        ) : (
          <p className="attempt-muted">No summary yet: it is written when the agent and the gates are done.</p>
        )}
      </section>

      <section aria-labelledby="attempt-stat-title">
        <h3 id="attempt-stat-title">Changes</h3>
        {stat ? (
          <p>
            {stat.files} {stat.files === 1 ? 'file' : 'files'} changed, <span className="diff-add">+{stat.additions}</span>{' '}
            <span className="diff-del">−{stat.deletions}</span>
          </p>
        ) : (
          <p className="attempt-muted">No diff yet.</p>
        )}
      </section>

      {(merge?.commit || merge?.pr_url) && (
        <section aria-labelledby="attempt-merge-title">
          <h3 id="attempt-merge-title">Delivered</h3>
          {merge.commit && (
            <p>
              Merged as commit <code title={merge.commit}>{shortSha(merge.commit)}</code>
              {attempt.base_branch ? (
                <>
                  {' '}
                  into <code>{attempt.base_branch}</code>
                </>
              ) : null}
              .
            </p>
          )}
          {merge.pr_url && (
            <p>
              Pull request:{' '}
              <a href={merge.pr_url} target="_blank" rel="noreferrer">
                {merge.pr_url}
              </a>
            </p>
          )}
        </section>
      )}

      {(attempt.previous_attempt_id || attempt.feedback || attempt.prompt) && (
        <section aria-labelledby="attempt-context-title">
          <h3 id="attempt-context-title">Context</h3>
          {attempt.previous_attempt_id && (
            <p>
              Continues <a href={onOpenAttempt(attempt.previous_attempt_id)}>the previous attempt</a>.
            </p>
          )}
          {attempt.feedback && (
            <>
              <p>Feedback it carries:</p>
              <blockquote className="attempt-pre">{attempt.feedback}</blockquote>
            </>
          )}
          {attempt.prompt && (
            <>
              <p>Prompt:</p>
              <blockquote className="attempt-pre">{attempt.prompt}</blockquote>
            </>
          )}
        </section>
      )}
    </div>
  );
}
