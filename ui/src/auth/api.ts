// Accounts: who is signed in, signing in and out, personal API tokens, teams and their members, users (admins).
import { ApiError, call, callAll, setCsrfToken } from '../http';

export type TeamRole = 'viewer' | 'member' | 'admin';
export const TEAM_ROLES: readonly TeamRole[] = ['viewer', 'member', 'admin'];

export interface Membership {
  team_id: string;
  name: string;
  role: TeamRole;
}

/** `GET /auth/me`. With accounts off: no user id, an admin, no teams, `auth_enabled: false`. */
export interface Me {
  user_id: string | null;
  username: string;
  display_name?: string | null;
  is_admin: boolean;
  teams: Membership[];
  auth_enabled: boolean;
  /** `session` (the browser's cookie) or `token`. */
  signed_in_with?: string;
  /** The password signed in with is good only for setting a new one (the first admin's, printed in the log). */
  password_expired?: boolean;
  csrf_token?: string;
}

export interface ApiToken {
  token_id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
}

export interface TeamMember {
  user_id: string;
  username: string;
  display_name: string | null;
  role: TeamRole;
}

export interface User {
  user_id: string;
  username: string;
  display_name: string | null;
  is_admin: boolean;
  created_at: string;
  /** A disabled account cannot sign in; its sessions ended and its tokens were revoked. */
  disabled: boolean;
}

export interface NewUser {
  username: string;
  password: string;
  display_name?: string;
  is_admin?: boolean;
}

const enc = encodeURIComponent;
export const authPaths = {
  me: '/api/v1/auth/me',
  sessions: '/api/v1/auth/sessions',
  currentSession: '/api/v1/auth/sessions/current',
  tokens: '/api/v1/auth/tokens',
  token: (id: string) => `/api/v1/auth/tokens/${enc(id)}`,
  teams: '/api/v1/teams',
  members: (teamId: string) => `/api/v1/teams/${enc(teamId)}/members`,
  member: (teamId: string, user: string) => `/api/v1/teams/${enc(teamId)}/members/${enc(user)}`,
  users: '/api/v1/users',
  providers: '/api/v1/auth/providers',
};

/** Who is signed in, or null when no one is (401); the session's CSRF token is kept for the writes that follow. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await call<Me>('GET', authPaths.me, { signal });
    setCsrfToken(me.csrf_token ?? null);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** Signs in with a password: the server sets the session cookie, and its CSRF token is kept. */
export async function signIn(username: string, password: string): Promise<void> {
  const session = await call<{ csrf_token: string }>('POST', authPaths.sessions, { body: { username, password } });
  setCsrfToken(session.csrf_token);
}

/** An identity provider one can sign in with (GitHub, an OIDC provider): the browser goes to `sign_in_url`. */
export interface IdentityProvider {
  id: string;
  name: string;
  sign_in_url: string;
}

/** The providers configured on the server: none with accounts off or none configured. */
export const fetchProviders = () => call<{ items: IdentityProvider[] }>('GET', authPaths.providers);

/** Ends the browser's session; its CSRF token is forgotten. */
export async function signOut(): Promise<void> {
  await call('DELETE', authPaths.currentSession);
  setCsrfToken(null);
}

export const fetchTokens = () => call<{ items: ApiToken[] }>('GET', authPaths.tokens);
/** The answer holds the token itself: the only time it is shown. */
export const createToken = (name: string, expiresAt: string | null) =>
  call<{ token_id: string; token: string; name: string }>('POST', authPaths.tokens, {
    body: expiresAt ? { name, expires_at: expiresAt } : { name },
  });
export const revokeToken = (tokenId: string) => call('DELETE', authPaths.token(tokenId));

export const fetchTeams = () => call<{ items: Membership[] }>('GET', authPaths.teams);
export const createTeam = (name: string) => call<{ team_id: string }>('POST', authPaths.teams, { body: { name } });
export const fetchMembers = (teamId: string) => call<{ items: TeamMember[] }>('GET', authPaths.members(teamId));
/** Adds a member (named by username or user id) or changes their role. */
export const setMember = (teamId: string, user: string, role: TeamRole) =>
  call('PUT', authPaths.member(teamId, user), { body: { role } });
export const removeMember = (teamId: string, user: string) => call('DELETE', authPaths.member(teamId, user));

export const fetchUsers = () => callAll<User>(authPaths.users);
export const createUser = (user: NewUser) => call<{ user_id: string }>('POST', authPaths.users, { body: user });

/** A provider key as listed: its name (the environment variable) and when it was set, never its value. */
export interface ProviderKey {
  name: string;
  updated_at: string;
}

const providerKeysPath = '/api/v1/me/provider-keys';
export const fetchProviderKeys = () => call<{ items: ProviderKey[] }>('GET', providerKeysPath);
/** Stores or replaces a key; the value goes to the server once and is never answered. */
export const setProviderKey = (name: string, value: string) =>
  call<ProviderKey>('PUT', `${providerKeysPath}/${enc(name)}`, { body: { value } });
export const removeProviderKey = (name: string) => call('DELETE', `${providerKeysPath}/${enc(name)}`);

/** Changes the caller's password; their other sessions are signed out. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  call('PUT', '/api/v1/auth/password', { body: { current_password: currentPassword, new_password: newPassword } });
/** An administrator sets a user's password (named by id or username); all their sessions are signed out. */
export const setUserPassword = (user: string, newPassword: string) =>
  call('PUT', `/api/v1/users/${enc(user)}/password`, { body: { new_password: newPassword } });

/** An administrator makes an account an administrator or not, or disables it or enables it again. */
export const changeUserAccess = (userId: string, change: { is_admin?: boolean; disabled?: boolean }) =>
  call('PATCH', `/api/v1/users/${enc(userId)}`, { body: change });
