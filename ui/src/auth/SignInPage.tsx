import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ErrorMessage } from '../board/Dialog';
import { Field } from '../components/Field';
import { fetchProviders, signIn } from './api';

/** What `?sign_in_error=<code>` (the end of a refused sign-in with a provider) means for the person signing in. */
export function providerErrorMessage(code: string): string {
  switch (code) {
    case 'access_denied':
      return 'The sign-in was cancelled at the provider.';
    case 'authorization_request_not_found':
      return 'The sign-in with the provider took too long or was started in another browser: try again.';
    case 'invalid_id_token':
    case 'invalid_nonce':
      return "The provider's answer could not be verified: try again, or ask an administrator.";
    case 'not_allowed':
      return 'Your account at the provider may not sign up to this Baton: ask an administrator to let you in.';
    case 'forbidden':
      return 'Your Baton account is disabled: ask an administrator.';
    case 'conflict':
      return 'No free username was left for your account: ask an administrator.';
    default:
      return `Signing in with the provider failed (${code.replace(/[^a-z0-9_]/g, '')}).`;
  }
}

/** The `sign_in_error` the server sent the browser back with, taken off the address (a reload does not show it). */
function takeProviderError(): string | null {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('sign_in_error');
  if (code === null) return null;
  url.searchParams.delete('sign_in_error');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return code;
}

/** What is missing from the sign-in form: field name → message. */
export function validateSignIn(username: string, password: string): { username?: string; password?: string } {
  const missing: { username?: string; password?: string } = {};
  if (!username.trim()) missing.username = 'Enter your username.';
  if (!password) missing.password = 'Enter your password.';
  return missing;
}

/**
 * The page shown with accounts on until someone signs in. Focus starts on the username; after a refusal the
 * server's message is announced, the password is cleared and focused for another try.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: () => Promise<unknown> }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [providerError] = useState(takeProviderError);
  const providers = useQuery({ queryKey: ['auth', 'providers'], queryFn: fetchProviders, staleTime: Infinity });
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  useEffect(() => usernameInput.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateSignIn(username, password);
    setMissing(found);
    if (found.username || found.password) {
      (found.username ? usernameInput : passwordInput).current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await signIn(username.trim(), password);
      await onSignedIn(); // the app replaces this page
    } catch (err) {
      setFailure(err);
      setPassword('');
      setBusy(false);
      passwordInput.current?.focus();
    }
  };

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <form className="form sign-in-form" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <p className="sign-in-brand">Baton</p>
        <h1 id="sign-in-title">Sign in</h1>
        {providerError && (
          <p className="form-error" role="alert">
            {providerErrorMessage(providerError)}
          </p>
        )}
        <Field label="Username" error={missing.username}>
          <input
            ref={usernameInput}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
          />
        </Field>
        <Field label="Password" error={missing.password}>
          <input
            ref={passwordInput}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
        </Field>
        <ErrorMessage error={failure} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {providers.data && providers.data.items.length > 0 && (
          <ul className="sign-in-providers" aria-label="Other ways to sign in">
            {providers.data.items.map((provider) => (
              <li key={provider.id}>
                {/* a full page load: the server sends the browser on to the provider */}
                <a href={provider.sign_in_url}>
                  Sign in with {provider.name}
                </a>
              </li>
            ))}
          </ul>
        )}
        <p className="sign-in-note">No account yet? An administrator of this server can make one for you.</p>
      </form>
    </main>
  );
}
