import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setCsrfToken } from '../http';
import { fakeAppServer, renderApp } from '../test/app';
import { accountsOff, ada, fail, ok } from '../test/fixtures';
import { FakeEventSource } from '../test/server';
import { providerErrorMessage, validateSignIn } from './SignInPage';

const server = fakeAppServer();
const ME = '/api/v1/auth/me';
const SESSIONS = '/api/v1/auth/sessions';
const PROVIDERS = '/api/v1/auth/providers';
const signedOut = { status: 401, body: fail('UNAUTHORIZED', 'credentials are missing or invalid') };

/** Answers a sign-in: ada with her password, 401 for anything else; then /auth/me answers ada. */
function acceptAda() {
  server.on((call) => {
    if (call.method !== 'POST' || call.url !== SESSIONS) return undefined;
    const { username, password } = call.body as { username: string; password: string };
    if (username !== 'ada' || password !== 'correct horse') return { status: 401, body: fail('UNAUTHORIZED', 'wrong username or password') };
    server.routes[ME] = { status: 200, body: ok(ada) };
    return { status: 200, body: ok({ user_id: 'u-ada', username: 'ada', csrf_token: 'csrf-from-sign-in', expires_at: '2030-01-01T00:00:00Z' }) };
  });
}

async function signInAs(username: string, password: string) {
  const form = await screen.findByRole('form', { name: 'Sign in' });
  fireEvent.change(within(form).getByLabelText('Username'), { target: { value: username } });
  fireEvent.change(within(form).getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(within(form).getByRole('button', { name: 'Sign in' }));
  return form;
}

afterEach(() => setCsrfToken(null));

describe('the sign-in form', () => {
  it('needs a username and a password', () => {
    expect(validateSignIn(' ', '')).toEqual({ username: 'Enter your username.', password: 'Enter your password.' });
    expect(validateSignIn('ada', ' ')).toEqual({});
  });
});

describe('with accounts on', () => {
  beforeEach(() => {
    server.routes[ME] = signedOut;
    acceptAda();
  });

  it('shows the sign-in page, focused on the username, and reads nothing else until someone signs in', async () => {
    renderApp('#/p/p1');
    const main = await screen.findByRole('main', { name: 'Sign in' });
    expect(within(main).getByLabelText('Username')).toHaveFocus();
    expect(within(main).getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(screen.queryByRole('navigation', { name: 'Projects' })).toBeNull();
    expect(server.calls.map((c) => c.url).sort()).toEqual([ME, PROVIDERS]);
  });

  it('says what is missing without sending anything', async () => {
    renderApp('#/');
    const form = await signInAs('ada', '');
    expect(within(form).getByText('Enter your password.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Password')).toHaveFocus();
    expect(server.commands()).toHaveLength(0);
  });

  it("shows the server's refusal, clears the password and focuses it", async () => {
    renderApp('#/');
    const form = await signInAs('ada', 'wrong password');
    expect(await within(form).findByRole('alert')).toHaveTextContent('wrong username or password');
    expect(within(form).getByLabelText('Password')).toHaveValue('');
    expect(within(form).getByLabelText('Password')).toHaveFocus();
    expect(within(form).getByLabelText('Username')).toHaveValue('ada');
    expect(screen.queryByRole('navigation', { name: 'Projects' })).toBeNull();
  });

  it('opens the page asked for once signed in, shows who is signed in, and signs writes with the CSRF token', async () => {
    renderApp('#/p/p2');
    await signInAs(' ada ', 'correct horse');
    expect(await screen.findByRole('heading', { level: 1, name: 'Beta' })).toBeInTheDocument();
    expect(server.sent('POST', SESSIONS)[0].body).toEqual({ username: 'ada', password: 'correct horse' });
    const account = screen.getByRole('region', { name: 'Account' });
    expect(account).toHaveTextContent('Signed in as Ada Lovelace (ada)');
    // ada is no administrator: the administrators' page is not offered
    expect(screen.queryByRole('link', { name: 'Projections' })).toBeNull();

    fireEvent.click(within(account).getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('main', { name: 'Sign in' })).toBeInTheDocument();
    // /auth/me answered the same session's token again after the sign-in
    expect(server.headers('DELETE', '/api/v1/auth/sessions/current')[0]['X-CSRF-Token']).toBe('csrf-ada');
  });

  it('keeps the session of a reload: the CSRF token comes from /auth/me', async () => {
    server.routes[ME] = { status: 200, body: ok(ada) };
    renderApp('#/');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    await screen.findByRole('main', { name: 'Sign in' });
    expect(server.headers('DELETE', '/api/v1/auth/sessions/current')).toEqual([
      { Accept: 'application/json', 'X-CSRF-Token': 'csrf-ada' },
    ]);
  });

  it('shows the sign-in page when any call answers 401, and forgets what was read', async () => {
    server.routes[ME] = { status: 200, body: ok(ada) };
    const client = renderApp('#/p/p1');
    await screen.findByRole('heading', { level: 1, name: 'Alpha' });
    expect(client.getQueryData(['projects'])).toBeDefined();

    // the session ended elsewhere: the next read is refused
    const board = server.routes['/api/v1/projects/p1/board'];
    server.routes['/api/v1/projects/p1/board'] = signedOut;
    server.routes[ME] = signedOut;
    FakeEventSource.instances[0].emit('changed');
    expect(await screen.findByRole('main', { name: 'Sign in' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/p/p1');
    // what was read for the one signed in is gone
    expect(client.getQueryData(['projects'])).toBeUndefined();
    expect(client.getQueryData(['board', 'p1'])).toBeUndefined();

    server.routes['/api/v1/projects/p1/board'] = board;
    await signInAs('ada', 'correct horse');
    expect(await screen.findByRole('heading', { level: 1, name: 'Alpha' })).toBeInTheDocument();
  });
});

describe('a password good for one sign-in', () => {
  it('asks for a password of ones own before the app shows', async () => {
    server.routes[ME] = { status: 200, body: ok({ ...ada, password_expired: true }) };
    server.on((call) => {
      if (call.method !== 'PUT' || call.url !== '/api/v1/auth/password') return undefined;
      server.routes[ME] = { status: 200, body: ok(ada) }; // from now on the password is the user's own
      return { status: 200, body: ok({ status: 'changed', version: 2 }) };
    });
    renderApp('#/p/p1');
    const page = await screen.findByRole('main', { name: 'Set your password' });
    expect(screen.queryByRole('navigation', { name: 'Projects' })).toBeNull();
    const form = within(page).getByRole('form', { name: 'Change password' });
    fireEvent.change(within(form).getByLabelText('Current password'), { target: { value: 'printed-secret' } });
    fireEvent.change(within(form).getByLabelText('New password'), { target: { value: 'my-own-password' } });
    fireEvent.change(within(form).getByLabelText('New password again'), { target: { value: 'my-own-password' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Alpha' })).toBeInTheDocument();
    expect(server.sent('PUT', '/api/v1/auth/password')[0].body).toEqual({
      current_password: 'printed-secret',
      new_password: 'my-own-password',
    });
  });
});

describe('an expired session and the event streams', () => {
  it('shows the sign-in page when a stream is refused for good and /auth/me answers 401', async () => {
    server.routes[ME] = { status: 200, body: ok(ada) };
    renderApp('#/p/p1');
    await screen.findByRole('heading', { level: 1, name: 'Alpha' });

    // the session expired: the browser's EventSource gets a 401 and gives up, without saying why
    server.routes[ME] = signedOut;
    FakeEventSource.instances[0].fail(true);
    expect(await screen.findByRole('main', { name: 'Sign in' })).toBeInTheDocument();
  });
});

describe('sign-in with an identity provider', () => {
  beforeEach(() => {
    server.routes[ME] = signedOut;
  });

  it("offers a button per provider, which leaves for the server's sign-in URL", async () => {
    server.routes[PROVIDERS] = {
      status: 200,
      body: ok({
        items: [
          { id: 'corp', name: 'Corp SSO', sign_in_url: '/oauth2/authorization/corp' },
          { id: 'github', name: 'GitHub', sign_in_url: '/oauth2/authorization/github' },
        ],
        next_cursor: null,
      }),
    };
    renderApp('#/');
    const main = await screen.findByRole('main', { name: 'Sign in' });
    const github = await within(main).findByRole('link', { name: 'Sign in with GitHub' });
    expect(github).toHaveAttribute('href', '/oauth2/authorization/github');
    expect(within(main).getByRole('link', { name: 'Sign in with Corp SSO' })).toHaveAttribute(
      'href',
      '/oauth2/authorization/corp',
    );
    expect(within(main).queryByRole('alert')).toBeNull();
  });

  it('shows no provider button when none is configured', async () => {
    server.routes[PROVIDERS] = { status: 200, body: ok({ items: [], next_cursor: null }) };
    renderApp('#/');
    await screen.findByRole('main', { name: 'Sign in' });
    await waitFor(() => expect(server.calls.map((c) => c.url)).toContain(PROVIDERS));
    expect(screen.queryByRole('link', { name: /Sign in with/ })).toBeNull();
  });

  it('says why a sign-in with a provider was refused, and takes the error off the address', async () => {
    server.routes[PROVIDERS] = { status: 200, body: ok({ items: [], next_cursor: null }) };
    renderApp('#/p/p1', '?sign_in_error=access_denied');
    const main = await screen.findByRole('main', { name: 'Sign in' });
    expect(within(main).getByRole('alert')).toHaveTextContent('The sign-in was cancelled at the provider.');
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/p/p1');
  });

  it('names every refusal, an unknown one by its code only', () => {
    expect(providerErrorMessage('authorization_request_not_found')).toMatch(/took too long/);
    expect(providerErrorMessage('invalid_nonce')).toMatch(/could not be verified/);
    expect(providerErrorMessage('not_allowed')).toBe(
      'Your account at the provider may not sign up to this Baton: ask an administrator to let you in.',
    );
    expect(providerErrorMessage('forbidden')).toMatch(/account is disabled/);
    expect(providerErrorMessage('server_error')).toBe('Signing in with the provider failed (server_error).');
    expect(providerErrorMessage('<b>x</b>')).toBe('Signing in with the provider failed (bxb).');
  });
});

describe('with accounts off', () => {
  it('opens the app at once, without sign-in or account', async () => {
    renderApp('#/p/p1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Alpha' })).toBeInTheDocument();
    expect(server.routes[ME].body).toEqual(ok(accountsOff));
    expect(screen.queryByRole('region', { name: 'Account' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Projections' })).toBeInTheDocument();
  });

  it('shows why when /auth/me cannot be read, and tries again', async () => {
    server.routes[ME] = { status: 500, body: fail('INTERNAL', 'Database is down') };
    renderApp('#/');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not reach Baton');
    expect(alert).toHaveTextContent('Database is down');
    server.routes[ME] = { status: 200, body: ok(accountsOff) };
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('navigation', { name: 'Projects' })).toBeInTheDocument();
  });
});
