import { ApiError } from '../api';

/** An error answered by the server, as its message (and code), in an alert. */
export function ErrorText({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p className="settings-error" role="alert">
      {message}
      {error instanceof ApiError && error.code && <code> {error.code}</code>}
    </p>
  );
}
