import { useEffect, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ErrorState } from '../components/ErrorState';
import { onUnauthorized, setCsrfToken } from '../http';
import { ChangePassword } from '../settings/Passwords';
import { fetchMe, signOut, type Me } from './api';
import { SignInPage } from './SignInPage';

export const meKey = ['auth', 'me'] as const;

/** Who is signed in: undefined while `GET /auth/me` is read, null when no one is. */
export function useMe() {
  // Read again only when told (a sign-in, a team change); a 401 of any call signs out at once.
  return useQuery({ queryKey: meKey, queryFn: ({ signal }) => fetchMe(signal), staleTime: Infinity });
}

/** The signed-in account with accounts on; null with accounts off (or before it is known). */
export function useAccount(): Me | null {
  const me = useMe().data;
  return me?.auth_enabled ? me : null;
}

/** No one is signed in any more: what was read for them is dropped, and the shell shows the sign-in page. */
function forget(client: QueryClient) {
  setCsrfToken(null);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
  client.setQueryData(meKey, null);
}

/**
 * The app once someone is signed in; until then the sign-in page. With accounts off the app shows at once. Any call
 * answered 401 (a session that expired or ended elsewhere) brings the sign-in page back; the URL is kept, so the page
 * asked for opens after signing in.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const me = useMe();
  useEffect(() => onUnauthorized(() => forget(client)), [client]);
  if (me.isPending) {
    return (
      <p className="state" role="status">
        Loading…
      </p>
    );
  }
  if (me.isError) {
    return (
      <main className="sign-in">
        <ErrorState title="Could not reach Baton" error={me.error} onRetry={() => me.refetch()} />
      </main>
    );
  }
  if (me.data === null) return <SignInPage onSignedIn={() => client.invalidateQueries({ queryKey: meKey })} />;
  if (me.data.password_expired) {
    return (
      <main className="sign-in" aria-labelledby="own-password-heading">
        <h1 id="own-password-heading">Set your password</h1>
        <p>The password you signed in with was printed in the server's log: it is good for this only.</p>
        <ChangePassword onChanged={() => client.invalidateQueries({ queryKey: meKey })} />
      </main>
    );
  }
  return children;
}

/** Who is signed in, and the Sign out button (accounts on). */
export function SignedInUser({ me }: { me: Me }) {
  const client = useQueryClient();
  const out = useMutation({ mutationFn: signOut, onSuccess: () => forget(client) });
  const name = me.display_name || me.username;
  return (
    <section className="signed-in" aria-label="Account">
      <p>
        Signed in as <strong>{name}</strong>
        {name !== me.username && <span className="signed-in-username"> ({me.username})</span>}
      </p>
      <button type="button" className="sidebar-button" onClick={() => out.mutate()} disabled={out.isPending}>
        Sign out
      </button>
      {out.isError && (
        <p className="sidebar-note" role="alert">
          Could not sign out: {out.error.message}
        </p>
      )}
    </section>
  );
}
