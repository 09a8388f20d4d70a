import { useId, useState, type FormEvent, type RefObject } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { approveAttempt, cancelAttempt, requestChanges, sendMessage } from './attemptApi';
import { attemptKey } from './attemptHooks';
import type { ApproveMode, Attempt } from './types';

/** Statuses whose work a new attempt can continue (request changes, chat message): agent and gates done. */
export const CONTINUABLE: ReadonlySet<string> = new Set(['review_ready', 'merged', 'pr_created', 'failed']);
export const CANCELLABLE: ReadonlySet<string> = new Set(['queued', 'running', 'gates_running']);

export interface ActionAvailability {
  requestChanges: boolean;
  approve: boolean;
  createPr: boolean;
  cancel: boolean;
  message: boolean;
}

export function availableActions(status: string): ActionAvailability {
  return {
    requestChanges: CONTINUABLE.has(status),
    approve: status === 'review_ready',
    createPr: status === 'review_ready',
    cancel: CANCELLABLE.has(status),
    message: CONTINUABLE.has(status),
  };
}

export function ActionBar({
  attempt,
  onNavigate,
  feedback,
  setFeedback,
  feedbackOpen,
  setFeedbackOpen,
  feedbackRef,
}: {
  attempt: Attempt;
  onNavigate: (attemptId: string) => void;
  feedback: string;
  setFeedback: (text: string) => void;
  feedbackOpen: boolean;
  setFeedbackOpen: (open: boolean) => void;
  feedbackRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const queryClient = useQueryClient();
  const id = attempt.attempt_id;
  const can = availableActions(attempt.status);
  const feedbackId = useId();
  const refresh = () => queryClient.invalidateQueries({ queryKey: attemptKey(id) });

  const approve = useMutation({
    mutationFn: (mode: ApproveMode) => approveAttempt(id, mode),
    onSuccess: refresh,
  });
  const cancel = useMutation({ mutationFn: () => cancelAttempt(id), onSuccess: refresh });
  const changes = useMutation({
    mutationFn: (text: string) => requestChanges(id, text),
    onSuccess: (data) => {
      setFeedback('');
      setFeedbackOpen(false);
      onNavigate(data.attempt_id);
    },
  });
  const busy = approve.isPending || cancel.isPending || changes.isPending;
  const actionError = approve.error ?? cancel.error;

  const submitFeedback = (e: FormEvent) => {
    e.preventDefault();
    if (!feedback.trim()) return;
    changes.mutate(feedback);
  };

  return (
    <div className="attempt-actions">
      <div className="attempt-action-buttons" role="group" aria-label="Attempt actions">
        <button
          type="button"
          disabled={!can.requestChanges || busy}
          aria-expanded={feedbackOpen}
          onClick={() => {
            setFeedbackOpen(!feedbackOpen);
            if (!feedbackOpen) setTimeout(() => feedbackRef.current?.focus(), 0);
          }}
        >
          Request changes
        </button>
        <button
          type="button"
          className="attempt-primary"
          disabled={!can.approve || busy}
          onClick={() => approve.mutate('merge')}
        >
          {approve.isPending && approve.variables === 'merge' ? 'Merging…' : 'Approve & merge'}
        </button>
        <button type="button" disabled={!can.createPr || busy} onClick={() => approve.mutate('pr')}>
          {approve.isPending && approve.variables === 'pr' ? 'Creating PR…' : 'Create PR'}
        </button>
        <button type="button" className="attempt-danger" disabled={!can.cancel || busy} onClick={() => cancel.mutate()}>
          {cancel.isPending ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
      {actionError && (
        <p className="attempt-error" role="alert">
          {actionError.message}
        </p>
      )}
      {feedbackOpen && (
        <form className="attempt-feedback" onSubmit={submitFeedback} aria-label="Request changes">
          <label htmlFor={feedbackId}>Feedback for the agent</label>
          <textarea
            id={feedbackId}
            ref={feedbackRef}
            rows={4}
            value={feedback}
            onChange={(e) => setFeedback(e.target.value)}
            placeholder="What should change? A new attempt continues from this branch with your feedback."
          />
          {changes.error && (
            <p className="attempt-error" role="alert">
              {changes.error.message}
            </p>
          )}
          <div className="attempt-form-buttons">
            <button type="submit" className="attempt-primary" disabled={!feedback.trim() || changes.isPending}>
              {changes.isPending ? 'Sending…' : 'Send feedback and rerun'}
            </button>
            <button type="button" onClick={() => setFeedbackOpen(false)}>
              Close
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

export function ChatBox({ attempt, onNavigate }: { attempt: Attempt; onNavigate: (attemptId: string) => void }) {
  const [text, setText] = useState('');
  const inputId = useId();
  const hintId = useId();
  const can = availableActions(attempt.status).message;
  const send = useMutation({
    mutationFn: (message: string) => sendMessage(attempt.attempt_id, message),
    onSuccess: (data) => {
      setText('');
      onNavigate(data.attempt_id);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || !can) return;
    send.mutate(text);
  };
  return (
    <form className="attempt-chat" onSubmit={submit} aria-label="Follow-up message">
      <label htmlFor={inputId}>Message the agent</label>
      <div className="attempt-chat-row">
        <textarea
          id={inputId}
          rows={2}
          value={text}
          aria-describedby={hintId}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
          }}
        />
        <button type="submit" className="attempt-primary" disabled={!can || !text.trim() || send.isPending}>
          {send.isPending ? 'Sending…' : 'Send'}
        </button>
      </div>
      <p id={hintId} className="attempt-muted attempt-hint">
        {can
          ? 'The agent continues in the same session, in a new attempt on top of this one (Ctrl+Enter sends).'
          : 'Messages can be sent once the agent and the gates are done.'}
      </p>
      {send.error && (
        <p className="attempt-error" role="alert">
          {send.error.message}
        </p>
      )}
    </form>
  );
}
