import type { ReactNode } from 'react';
import { ErrorText } from './ErrorText';

interface Props {
  /** The form's accessible name. */
  label: string;
  /** The submit button's text. */
  submit: string;
  /** What the form sends: its button is disabled while it is pending, and its refusal is shown under the form. */
  action: { mutate: () => void; isPending: boolean; error: Error | null };
  /** The fields. */
  children: ReactNode;
}

/** A settings form on one line: its fields, the submit button, and the server's refusal under it. */
export function InlineForm({ label, submit, action, children }: Props) {
  return (
    <>
      <form
        className="settings-inline"
        aria-label={label}
        onSubmit={(e) => {
          e.preventDefault();
          action.mutate();
        }}
      >
        {children}
        <button type="submit" disabled={action.isPending}>
          {submit}
        </button>
      </form>
      {action.error && <ErrorText error={action.error} />}
    </>
  );
}
