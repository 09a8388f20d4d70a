import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchProviderKeys, removeProviderKey, setProviderKey } from '../auth/api';
import { ConfirmButton } from '../components/ConfirmButton';
import { Field } from '../components/Field';
import { ErrorText } from './ErrorText';
import { InlineForm } from './InlineForm';

const KEYS = ['settings', 'auth', 'provider-keys'] as const;
/** The names the agent CLIs read (docs: agent-clis.md); any other variable name may be typed. */
export const KNOWN_KEY_NAMES = ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'GEMINI_API_KEY', 'OPENROUTER_API_KEY'];
const NAME = /^[A-Z][A-Z0-9_]{1,63}$/;
/** Shorter values cannot be told apart from ordinary text, so the server could not hide them in logs. */
export const MIN_VALUE_LENGTH = 8;

/** What is wrong with a key about to be saved, or null; the server checks again (reserved names among others). */
export function validateProviderKey(name: string, value: string): string | null {
  if (!NAME.test(name)) {
    return 'The name is the environment variable the agent gets: upper-case letters, digits and _, e.g. OPENAI_API_KEY.';
  }
  if (value.trim().length < MIN_VALUE_LENGTH) return `The value needs at least ${MIN_VALUE_LENGTH} characters.`;
  return null;
}

const when = (iso: string) => new Date(iso).toLocaleString();

/**
 * The caller's provider keys: the agents of the attempts they start get them as environment variables. Values are
 * sent once, stored encrypted, never shown again, and hidden as *** in the logs and artifacts.
 */
export function ProviderKeys() {
  const client = useQueryClient();
  const keys = useQuery({ queryKey: KEYS, queryFn: fetchProviderKeys });
  const refresh = () => client.invalidateQueries({ queryKey: KEYS });
  const remove = useMutation({ mutationFn: removeProviderKey, onSettled: refresh });
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const valueInput = useRef<HTMLInputElement>(null);
  const save = useMutation({
    mutationFn: () => setProviderKey(name.trim(), value),
    onSuccess: (key) => {
      setSaved(key.name);
      setName('');
      setValue('');
      refresh();
    },
  });
  const submit = {
    isPending: save.isPending,
    error: save.error,
    mutate: () => {
      const problem = validateProviderKey(name.trim(), value);
      setInvalid(problem);
      setSaved(null);
      if (!problem) save.mutate();
    },
  };
  const replace = (keyName: string) => {
    setName(keyName);
    setValue('');
    setSaved(null);
    valueInput.current?.focus();
  };
  const items = keys.data?.items;
  return (
    <section aria-labelledby="provider-keys-heading">
      <h2 id="provider-keys-heading">Provider keys</h2>
      <p>
        Your agents get these as environment variables, in the attempts you start and no one else&apos;s. A value is
        stored encrypted, never shown again, and hidden as <code>***</code> in logs and artifacts.
      </p>
      {keys.isError && <ErrorText error={keys.error} />}
      {remove.isError && <ErrorText error={remove.error} />}
      {items?.length === 0 && <p>No provider keys yet.</p>}
      {items && items.length > 0 && (
        <table className="settings-table" aria-labelledby="provider-keys-heading">
          <thead>
            <tr>
              <th>Name</th>
              <th>Set</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((key) => (
              <tr key={key.name}>
                <td>
                  <code>{key.name}</code>
                </td>
                <td>{when(key.updated_at)}</td>
                <td className="settings-actions">
                  <button type="button" aria-label={`Replace ${key.name}`} onClick={() => replace(key.name)}>
                    Replace
                  </button>
                  <ConfirmButton
                    label="Remove"
                    name={key.name}
                    question={`Remove ${key.name}? Agents started from now on will not get it.`}
                    onConfirm={() => remove.mutate(key.name)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <InlineForm label="Set a provider key" submit="Save key" action={submit}>
        <Field label="Key name">
          <input
            value={name}
            onChange={(e) => setName(e.target.value.toUpperCase())}
            list="provider-key-names"
            placeholder="OPENAI_API_KEY"
            autoComplete="off"
            spellCheck={false}
            required
          />
        </Field>
        <datalist id="provider-key-names">
          {KNOWN_KEY_NAMES.map((known) => (
            <option key={known} value={known} />
          ))}
        </datalist>
        <Field label="Value">
          <input
            ref={valueInput}
            type="password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            required
          />
        </Field>
      </InlineForm>
      <p role="status">
        {invalid}
        {saved && `${saved} saved: agents started from now on get it.`}
      </p>
    </section>
  );
}
