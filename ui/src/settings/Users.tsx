import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { changeUserAccess, createUser, fetchUsers, type NewUser, type User } from '../auth/api';
import { useAccount } from '../auth/session';
import { ConfirmButton } from '../components/ConfirmButton';
import { Field } from '../components/Field';
import { ErrorText } from './ErrorText';
import { SetUserPassword } from './Passwords';

const USERS = ['settings', 'auth', 'users'] as const;

export interface UserFields {
  username: string;
  displayName: string;
  password: string;
  admin: boolean;
}

const EMPTY_USER: UserFields = { username: '', displayName: '', password: '', admin: false };

/** What the server would refuse in the New user form, found before sending: field → message. */
export function validateUser(f: UserFields): Partial<Record<keyof UserFields, string>> {
  const errors: Partial<Record<keyof UserFields, string>> = {};
  if (!f.username.trim()) errors.username = 'A username is required.';
  if (f.password.length < 10 || f.password.length > 200) errors.password = 'The password needs 10 to 200 characters.';
  return errors;
}

/** The `POST /users` body of the form (no display name when it is empty). */
export function userRequest(f: UserFields): NewUser {
  const body: NewUser = { username: f.username.trim(), password: f.password, is_admin: f.admin };
  if (f.displayName.trim()) body.display_name = f.displayName.trim();
  return body;
}

/** Every account of the server (all pages) and a new one: for administrators. */
export function Users() {
  const client = useQueryClient();
  const users = useQuery({ queryKey: USERS, queryFn: fetchUsers });
  const me = useAccount();
  const refresh = () => client.invalidateQueries({ queryKey: USERS });
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">Users</h2>
      {users.isError && <ErrorText error={users.error} />}
      <table className="settings-table" aria-labelledby="users-heading">
        <thead>
          <tr>
            <th>Username</th>
            <th>Display name</th>
            <th>Administrator</th>
            <th>Status</th>
            <th>Created</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.items.map((user) => (
            <tr key={user.user_id}>
              <td>{user.username}</td>
              <td>{user.display_name ?? ''}</td>
              <td>{user.is_admin ? 'yes' : 'no'}</td>
              <td>{user.disabled ? 'disabled' : 'active'}</td>
              <td>{new Date(user.created_at).toLocaleString()}</td>
              <td className="settings-actions">
                {user.username !== me?.username && <AccessButtons user={user} onChanged={refresh} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewUserForm onCreated={refresh} />
      <SetUserPassword />
    </section>
  );
}

/** Another account's rights: administrator or not, disabled (confirmed first: it is shut out at once) or enabled. */
function AccessButtons({ user, onChanged }: { user: User; onChanged: () => Promise<unknown> }) {
  const change = useMutation({
    mutationFn: (body: { is_admin?: boolean; disabled?: boolean }) => changeUserAccess(user.user_id, body),
    onSettled: onChanged,
  });
  return (
    <>
      <button type="button" aria-label={`${user.is_admin ? 'Remove administrator' : 'Make administrator'} ${user.username}`}
        disabled={change.isPending} onClick={() => change.mutate({ is_admin: !user.is_admin })}>
        {user.is_admin ? 'Remove administrator' : 'Make administrator'}
      </button>
      {user.disabled ? (
        <button type="button" aria-label={`Enable ${user.username}`} disabled={change.isPending}
          onClick={() => change.mutate({ disabled: false })}>
          Enable
        </button>
      ) : (
        <ConfirmButton label="Disable" name={user.username} disabled={change.isPending}
          question={`Disable ${user.username}? Their sessions end and their API tokens are revoked at once.`}
          onConfirm={() => change.mutate({ disabled: true })} />
      )}
      {change.isError && <ErrorText error={change.error} />}
    </>
  );
}

function NewUserForm({ onCreated }: { onCreated: () => Promise<unknown> }) {
  const [fields, setFields] = useState<UserFields>(EMPTY_USER);
  const [errors, setErrors] = useState<ReturnType<typeof validateUser>>({});
  const [made, setMade] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: NewUser) => createUser(body),
    onSuccess: (_, body) => {
      setFields(EMPTY_USER);
      setMade(body.username);
      return onCreated();
    },
  });
  const set = (key: 'username' | 'displayName' | 'password') => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [key]: e.target.value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateUser(fields);
    setErrors(found);
    setMade(null);
    if (Object.keys(found).length === 0) create.mutate(userRequest(fields));
  };
  return (
    <form className="settings-form" aria-label="New user" onSubmit={onSubmit} noValidate>
      <h3>New user</h3>
      <Field label="Username" error={errors.username} hint="Lowercase letters, digits, . - _ (at most 40)">
        <input value={fields.username} onChange={set('username')} autoCapitalize="none" spellCheck={false} autoComplete="off" required />
      </Field>
      <Field label="Display name (optional)">
        <input value={fields.displayName} onChange={set('displayName')} autoComplete="off" />
      </Field>
      <Field label="Password" error={errors.password} hint="10 to 200 characters; give it to them yourself">
        <input type="password" value={fields.password} onChange={set('password')} autoComplete="new-password" required />
      </Field>
      <label className="settings-check">
        <input type="checkbox" checked={fields.admin} onChange={(e) => setFields((f) => ({ ...f, admin: e.target.checked }))} />
        Administrator (manages the accounts)
      </label>
      <div className="settings-actions">
        <button type="submit" disabled={create.isPending}>
          Create user
        </button>
        <span role="status">{made && `User ${made} created.`}</span>
      </div>
      {create.isError && <ErrorText error={create.error} />}
    </form>
  );
}
