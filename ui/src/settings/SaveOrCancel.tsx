import { ErrorText } from './ErrorText';

/** The end of a settings form: its submit button (disabled while saving), Cancel, and a refusal's message. */
export function SaveOrCancel({
  label,
  saving,
  onCancel,
  error,
}: {
  label: string;
  saving: boolean;
  onCancel: () => void;
  error: unknown;
}) {
  return (
    <>
      <div className="settings-actions">
        <button type="submit" disabled={saving}>
          {label}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error ? <ErrorText error={error} /> : null}
    </>
  );
}
