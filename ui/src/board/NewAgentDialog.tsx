import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ADAPTERS, ROLES, createAgent, type NewAgentProfile } from '../api';
import { humanize } from '../board';
import { agentsKey } from '../hooks';
import { Dialog, ErrorMessage } from './Dialog';

/** One argument per line; blank lines dropped. */
export function parseArgv(text: string): string[] {
  return text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function validateAgent(name: string, adapter: string, argv: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!name.trim()) errors.name = 'A name is required.';
  if (adapter === 'command' && argv.length === 0) errors.command = 'The command adapter needs the program to run.';
  return errors;
}

export function NewAgentDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [adapter, setAdapter] = useState<string>('command');
  const [model, setModel] = useState('');
  const [command, setCommand] = useState('');
  const [role, setRole] = useState<string>('generic');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const argv = parseArgv(command);
    const found = validateAgent(name, adapter, argv);
    setErrors(found);
    if (Object.keys(found).length) return;
    const profile: NewAgentProfile = { name: name.trim(), adapter, role };
    if (model.trim()) profile.model = model.trim();
    if (adapter === 'command') profile.command = argv;
    setSaving(true);
    setFailure(null);
    try {
      await createAgent(profile);
      void queryClient.invalidateQueries({ queryKey: agentsKey });
      onClose();
    } catch (err) {
      setFailure(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title="New agent profile" onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label className="field">
            <span>Name</span>
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? 'new-agent-name-error' : undefined}
              required
            />
          </label>
          {errors.name && (
            <span id="new-agent-name-error" className="field-error">
              {errors.name}
            </span>
          )}
        </div>
        <div className="form-row">
          <label className="field">
            <span>Adapter</span>
            <select value={adapter} onChange={(e) => setAdapter(e.target.value)}>
              {ADAPTERS.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Role</span>
            <select value={role} onChange={(e) => setRole(e.target.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {humanize(r)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          <span>Model</span>
          <input value={model} onChange={(e) => setModel(e.target.value)} placeholder="optional" />
        </label>
        {adapter === 'command' && (
          <div className="field">
            <label className="field">
              <span>Command (one argument per line)</span>
              <textarea
                rows={3}
                value={command}
                onChange={(e) => setCommand(e.target.value)}
                aria-invalid={errors.command ? true : undefined}
                aria-describedby={errors.command ? 'new-agent-command-error' : undefined}
              />
            </label>
            {errors.command && (
              <span id="new-agent-command-error" className="field-error">
                {errors.command}
              </span>
            )}
          </div>
        )}
        <ErrorMessage error={failure} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Creating…' : 'Create profile'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
