import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../board/Dialog';
import { Field } from '../components/Field';
import { signIn } from './api';

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
        <p className="sign-in-note">No account yet? An administrator of this server can make one for you.</p>
      </form>
    </main>
  );
}
