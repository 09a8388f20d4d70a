import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createToken, fetchTokens, revokeToken, type ApiToken } from '../auth/api';
import { ConfirmButton } from '../components/ConfirmButton';
import { Field } from '../components/Field';
import { ErrorText } from './ErrorText';
import { InlineForm } from './InlineForm';

const TOKENS = ['settings', 'auth', 'tokens'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a new token may live: the select's value is a number of days, '' for ever. */
export const EXPIRIES = [
  { days: '', label: 'Never' },
  { days: '7', label: 'In 7 days' },
  { days: '30', label: 'In 30 days' },
  { days: '90', label: 'In 90 days' },
  { days: '365', label: 'In a year' },
] as const;

/** The `expires_at` of a token that lives `days` from `now` ('' → null: it never expires). */
export function expiryOf(days: string, now: Date = new Date()): string | null {
  return days ? new Date(now.getTime() + Number(days) * DAY_MS).toISOString() : null;
}

const when = (iso: string) => new Date(iso).toLocaleString();

/** The caller's personal API tokens: listed with their last use, made (the token shown once), revoked. */
export function ApiTokens() {
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS, queryFn: fetchTokens });
  const refresh = () => client.invalidateQueries({ queryKey: TOKENS });
  const revoke = useMutation({ mutationFn: (token: ApiToken) => revokeToken(token.token_id), onSettled: refresh });
  const items = tokens.data?.items;
  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p>
        For scripts and CI: send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you.
      </p>
      {tokens.isError && <ErrorText error={tokens.error} />}
      {revoke.isError && <ErrorText error={revoke.error} />}
      {items?.length === 0 && <p>No tokens yet.</p>}
      {items && items.length > 0 && (
        <table className="settings-table" aria-labelledby="tokens-heading">
          <thead>
            <tr>
              <th>Name</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Expires</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.map((token) => (
              <tr key={token.token_id}>
                <td>{token.name}</td>
                <td>{when(token.created_at)}</td>
                <td>{token.last_used_at ? when(token.last_used_at) : 'never'}</td>
                <td>
                  {token.expires_at ? when(token.expires_at) : 'never'}
                  {token.expires_at && new Date(token.expires_at) <= new Date() && ' (expired)'}
                </td>
                <td>
                  <ConfirmButton
                    label="Revoke"
                    name={token.name}
                    question={`Revoke ${token.name}? Whatever uses it is refused at once.`}
                    onConfirm={() => revoke.mutate(token)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewToken onCreated={refresh} />
    </section>
  );
}

/** Makes a token; the answer's token is shown until Done, and never again. */
function NewToken({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [days, setDays] = useState<string>('90');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const create = useMutation({
    mutationFn: () => createToken(name.trim(), expiryOf(days)),
    onSuccess: (answer) => {
      setCreated({ name: answer.name, token: answer.token });
      setName('');
      onCreated();
    },
  });
  return (
    <>
      {created && (
        <TokenOnce
          {...created}
          onDone={() => {
            setCreated(null);
            nameInput.current?.focus();
          }}
        />
      )}
      <InlineForm label="New API token" submit="Create token" action={create}>
        <Field label="Token name">
          <input ref={nameInput} value={name} onChange={(e) => setName(e.target.value)} placeholder="ci" required />
        </Field>
        <Field label="Expires">
          <select value={days} onChange={(e) => setDays(e.target.value)}>
            {EXPIRIES.map((expiry) => (
              <option key={expiry.days} value={expiry.days}>
                {expiry.label}
              </option>
            ))}
          </select>
        </Field>
      </InlineForm>
    </>
  );
}

/** A new token, selected and focused, with a Copy button: the server keeps only its hash. */
function TokenOnce({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      // no clipboard (a page not served over HTTPS or from localhost, or permission refused): copy by hand
      input.current?.select();
      setCopied(false);
    }
  };
  return (
    <div className="token-once" role="group" aria-labelledby="token-once-heading">
      <h3 id="token-once-heading">Token {name} created</h3>
      <p>
        <strong>Copy it now: you will not see it again.</strong> Baton keeps only a hash of it.
      </p>
      <Field label={`The token ${name}`}>
        <input ref={input} value={token} readOnly className="token-value" onFocus={(e) => e.target.select()} />
      </Field>
      <div className="settings-actions">
        <button type="button" onClick={copy}>
          Copy
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
        <span role="status">
          {copied === true && 'Copied.'}
          {copied === false && 'Could not copy: the token is selected, press Ctrl+C (⌘C).'}
        </span>
      </div>
    </div>
  );
}
