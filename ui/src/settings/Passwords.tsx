import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { changePassword, setUserPassword } from '../auth/api';
import { Field } from '../components/Field';
import { InlineForm } from './InlineForm';

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 200;

/** What is wrong with a new password before sending it, or null. */
export function passwordProblem(password: string, confirmation: string): string | null {
  if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
    return `The new password needs ${MIN_PASSWORD} to ${MAX_PASSWORD} characters.`;
  }
  return password === confirmation ? null : 'The two new passwords differ.';
}

/** A form's local check before its mutation: the problem is shown in place of sending. */
function checked(mutation: { mutate: () => void; isPending: boolean; error: Error | null }, problem: () => string | null,
  setProblem: (p: string | null) => void) {
  return {
    isPending: mutation.isPending,
    error: mutation.error,
    mutate: () => {
      const found = problem();
      setProblem(found);
      if (!found) mutation.mutate();
    },
  };
}

/**
 * The caller's own password, changed with the current one; the other sessions end, this one stays. `onChanged` is
 * told once it is done.
 */
export function ChangePassword({ onChanged }: { onChanged?: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: () => changePassword(current, next),
    onMutate: () => setDone(false),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
      onChanged?.();
    },
  });
  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <InlineForm label="Change password" submit="Change password"
        action={checked(change, () => passwordProblem(next, again), setProblem)}>
        <Field label="Current password">
          <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)}
            autoComplete="current-password" required />
        </Field>
        <Field label="New password">
          <input type="password" value={next} onChange={(e) => setNext(e.target.value)} autoComplete="new-password"
            required />
        </Field>
        <Field label="New password again">
          <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password"
            required />
        </Field>
      </InlineForm>
      <p role="status">
        {problem}
        {done && 'Password changed: your other sessions are signed out (API tokens keep working).'}
      </p>
    </section>
  );
}

/** An administrator sets someone's password (for a forgotten one); all of that user's sessions end. */
export function SetUserPassword() {
  const [user, setUser] = useState('');
  const [next, setNext] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = useMutation({
    mutationFn: () => setUserPassword(user.trim(), next),
    onMutate: () => setDone(null),
    onSuccess: () => {
      setDone(user.trim());
      setUser('');
      setNext('');
    },
  });
  return (
    <>
      <InlineForm label="Set a user's password" submit="Set password"
        action={checked(set, () => passwordProblem(next, next), setProblem)}>
        <Field label="User">
          <input value={user} onChange={(e) => setUser(e.target.value)} placeholder="username" autoComplete="off"
            required />
        </Field>
        <Field label="Their new password">
          <input type="password" value={next} onChange={(e) => setNext(e.target.value)} autoComplete="new-password"
            required />
        </Field>
      </InlineForm>
      <p role="status">
        {problem}
        {done && `${done}'s password is set; their sessions are signed out.`}
      </p>
    </>
  );
}
