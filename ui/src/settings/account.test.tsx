import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { meKey } from '../auth/session';
import { accountsOff, ada, fail, ok } from '../test/fixtures';
import { fakeAppServer } from '../test/app';
import { ApiTokens, expiryOf } from './ApiTokens';
import { SettingsPage } from './SettingsPage';
import { Teams } from './Teams';
import { Users, userRequest, validateUser } from './Users';

const server = fakeAppServer();
const TOKENS = '/api/v1/auth/tokens';

function renderWith(node: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
  return client;
}

/** Answers `method url` with `reply` (handlers answer before the GET routes). */
function answer(method: string, url: string, reply: { status: number; body: unknown }) {
  server.on((call) => (call.method === method && call.url === url ? reply : undefined));
}

describe('the settings tabs', () => {
  const tabs = () => screen.getAllByRole('tab').map((tab) => tab.textContent);

  it.each([
    [false, ['Agent profiles', 'moxxy', 'Account']],
    [true, ['Agent profiles', 'moxxy', 'Account', 'Users']],
  ])('offer the account with accounts on, and the users to administrators only (admin: %s)', async (admin, expected) => {
    server.routes['/api/v1/auth/me'] = { status: 200, body: ok({ ...ada, is_admin: admin }) };
    renderWith(<SettingsPage projectId={null} />);
    await screen.findByRole('tab', { name: 'Account' });
    expect(tabs()).toEqual(expected);
  });

  it('offer no account with accounts off', async () => {
    server.routes['/api/v1/auth/me'] = { status: 200, body: ok(accountsOff) };
    const client = renderWith(<SettingsPage projectId="p1" />);
    await waitFor(() => expect(client.getQueryState(meKey)?.status).toBe('success'));
    expect(tabs()).toEqual(['Project', 'Agent profiles', 'moxxy']);
  });
});

describe('API tokens', () => {
  const tokens = [
    { token_id: 'k1', name: 'ci', created_at: '2026-01-01T00:00:00Z', last_used_at: '2026-01-02T03:04:05Z', expires_at: null },
    { token_id: 'k2', name: 'old', created_at: '2019-01-01T00:00:00Z', last_used_at: null, expires_at: '2020-01-01T00:00:00Z' },
  ];

  it('expire after the days chosen, or never', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(expiryOf('30', now)).toBe('2026-03-31T12:00:00.000Z');
    expect(expiryOf('', now)).toBeNull();
  });

  it('are listed with their last use and expiry, and revoked only once confirmed', async () => {
    server.routes[TOKENS] = { status: 200, body: ok({ items: tokens, next: null }) };
    renderWith(<ApiTokens />);
    const ci = (await screen.findByRole('cell', { name: 'ci' })).closest('tr')!;
    expect(ci).toHaveTextContent(new Date('2026-01-02T03:04:05Z').toLocaleString());
    expect(within(ci).getAllByRole('cell')[3]).toHaveTextContent('never');
    const old = screen.getByRole('cell', { name: 'old' }).closest('tr')!;
    expect(within(old).getAllByRole('cell')[2]).toHaveTextContent('never');
    expect(within(old).getAllByRole('cell')[3]).toHaveTextContent('(expired)');

    fireEvent.click(within(ci).getByRole('button', { name: 'Revoke ci' }));
    const question = within(ci).getByRole('group', { name: 'Revoke ci? Whatever uses it is refused at once.' });
    expect(within(question).getByRole('button', { name: 'Yes, revoke' })).toHaveFocus();
    fireEvent.click(within(question).getByRole('button', { name: 'No' }));
    expect(within(ci).getByRole('button', { name: 'Revoke ci' })).toHaveFocus();
    fireEvent.click(within(ci).getByRole('button', { name: 'Revoke ci' }));
    fireEvent.keyDown(within(ci).getByRole('button', { name: 'Yes, revoke' }), { key: 'Escape' });
    expect(within(ci).getByRole('button', { name: 'Revoke ci' })).toHaveFocus();
    expect(server.commands()).toHaveLength(0);

    const reads = server.sent('GET', TOKENS).length;
    fireEvent.click(within(ci).getByRole('button', { name: 'Revoke ci' }));
    fireEvent.click(within(ci).getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(() => expect(server.sent('DELETE', `${TOKENS}/k1`)).toHaveLength(1));
    await waitFor(() => expect(server.sent('GET', TOKENS).length).toBe(reads + 1));
  });

  it('show a new token once, with a warning and a Copy button', async () => {
    const secret = 'baton_s3cr3t';
    server.routes[TOKENS] = { status: 200, body: ok({ items: [], next: null }) };
    answer('POST', TOKENS, { status: 201, body: ok({ token_id: 'k3', token: secret, name: 'deploy', expires_at: null, version: 0 }) });
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderWith(<ApiTokens />);
    expect(await screen.findByText('No tokens yet.')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'New API token' });
    fireEvent.change(within(form).getByLabelText('Token name'), { target: { value: ' deploy ' } });
    fireEvent.change(within(form).getByLabelText('Expires'), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByRole('group', { name: 'Token deploy created' });
    expect(server.sent('POST', TOKENS)[0].body).toEqual({ name: 'deploy' });
    expect(shown).toHaveTextContent('Copy it now: you will not see it again.');
    const value = within(shown).getByLabelText('The token deploy');
    expect(value).toHaveValue(secret);
    expect(value).toHaveFocus();
    fireEvent.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(await within(shown).findByText('Copied.')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith(secret);

    fireEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('group', { name: 'Token deploy created' })).toBeNull();
    expect(screen.queryByDisplayValue(secret)).toBeNull();
    expect(within(form).getByLabelText('Token name')).toHaveFocus();
  });

  it('send the expiry chosen, and say how to copy when the clipboard refuses', async () => {
    answer('POST', TOKENS, { status: 201, body: ok({ token_id: 'k4', token: 'baton_x', name: 'ci', expires_at: null, version: 0 }) });
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async () => Promise.reject(new Error('denied')) } });
    renderWith(<ApiTokens />);
    const form = screen.getByRole('form', { name: 'New API token' });
    fireEvent.change(within(form).getByLabelText('Token name'), { target: { value: 'ci' } });
    fireEvent.change(within(form).getByLabelText('Expires'), { target: { value: '30' } });
    const before = Date.now();
    fireEvent.click(within(form).getByRole('button', { name: 'Create token' }));
    const shown = await screen.findByRole('group', { name: 'Token ci created' });
    const { expires_at } = server.sent('POST', TOKENS)[0].body as { expires_at: string };
    const days = (Date.parse(expires_at) - before) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(30);
    expect(days).toBeLessThan(30.01);
    fireEvent.click(within(shown).getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(within(shown).getByRole('status')).toHaveTextContent('Could not copy: the token is selected'));
  });

  it("show the server's refusal", async () => {
    server.routes[TOKENS] = { status: 200, body: ok({ items: [], next: null }) };
    answer('POST', TOKENS, { status: 409, body: fail('CONFLICT', 'you have a token named ci') });
    renderWith(<ApiTokens />);
    fireEvent.change(screen.getByLabelText('Token name'), { target: { value: 'ci' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('you have a token named ci');
    expect(screen.getByLabelText('Token name')).toHaveValue('ci');
  });
});

describe('teams', () => {
  const TEAMS = '/api/v1/teams';
  const CORE = '/api/v1/teams/t-core/members';
  beforeEach(() => {
    server.routes[TEAMS] = {
      status: 200,
      body: ok({ items: [{ team_id: 't-core', name: 'Core', role: 'admin' }, { team_id: 't-audit', name: 'Audit', role: 'viewer' }], next: null }),
    };
    const members = ok({
      items: [
        { user_id: 'u-ada', username: 'ada', display_name: 'Ada Lovelace', role: 'admin' },
        { user_id: 'u-bob', username: 'bob', display_name: null, role: 'member' },
      ],
      next: null,
    });
    server.routes[CORE] = { status: 200, body: members };
    server.routes['/api/v1/teams/t-audit/members'] = { status: 200, body: members };
  });

  it('are listed with my role, and a new one is created (my teams are read again)', async () => {
    renderWith(<Teams />);
    const list = await screen.findByRole('list', { name: 'Teams' });
    await waitFor(() => expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Core adminMembers', 'Audit viewerMembers']));
    const reads = server.sent('GET', TEAMS).length;
    const form = screen.getByRole('form', { name: 'New team' });
    fireEvent.change(within(form).getByLabelText('Team name'), { target: { value: ' Platform ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create team' }));
    await waitFor(() => expect(server.sent('GET', TEAMS).length).toBe(reads + 1));
    expect(server.sent('POST', TEAMS)[0].body).toEqual({ name: 'Platform' });
    expect(within(form).getByLabelText('Team name')).toHaveValue('');
  });

  it("of which I am an admin: members added by username, re-roled and removed, refusals with the server's message", async () => {
    answer('PUT', `${CORE}/nobody`, { status: 404, body: fail('NOT_FOUND', 'user nobody does not exist') });
    renderWith(<Teams />);
    const toggle = await screen.findByRole('button', { name: 'Members of Core' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const bob = (await screen.findByRole('cell', { name: 'bob' })).closest('tr')!;
    expect(screen.getByRole('cell', { name: 'ada (Ada Lovelace)' })).toBeInTheDocument();

    const save = within(bob).getByRole('button', { name: 'Save the role of bob' });
    expect(save).toBeDisabled();
    fireEvent.change(within(bob).getByLabelText('Role of bob'), { target: { value: 'viewer' } });
    fireEvent.click(save);
    await waitFor(() => expect(server.sent('PUT', `${CORE}/u-bob`)[0]?.body).toEqual({ role: 'viewer' }));

    fireEvent.click(within(bob).getByRole('button', { name: 'Remove bob' }));
    fireEvent.click(within(bob).getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() => expect(server.sent('DELETE', `${CORE}/u-bob`)).toHaveLength(1));

    const add = screen.getByRole('form', { name: 'Add a member' });
    fireEvent.change(within(add).getByLabelText('Username'), { target: { value: 'nobody' } });
    fireEvent.click(within(add).getByRole('button', { name: 'Add member' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('user nobody does not exist');
    expect(within(add).getByLabelText('Username')).toHaveValue('nobody');

    fireEvent.change(within(add).getByLabelText('Username'), { target: { value: 'carol' } });
    fireEvent.change(within(add).getByLabelText('Role'), { target: { value: 'viewer' } });
    fireEvent.click(within(add).getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(server.sent('PUT', `${CORE}/carol`)[0]?.body).toEqual({ role: 'viewer' }));
    await waitFor(() => expect(within(add).getByLabelText('Username')).toHaveValue(''));
  });

  it('of which I am a viewer: members listed, nothing to change', async () => {
    renderWith(<Teams />);
    fireEvent.click(await screen.findByRole('button', { name: 'Members of Audit' }));
    const bob = (await screen.findByRole('cell', { name: 'bob' })).closest('tr')!;
    expect(bob).toHaveTextContent('member');
    expect(within(bob).queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove bob' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Add a member' })).toBeNull();
  });
});

describe('users', () => {
  const USERS = '/api/v1/users';
  const user = (username: string, admin = false, disabled = false) => ({
    user_id: `u-${username}`, username, display_name: null, is_admin: admin, created_at: '2026-01-01T00:00:00Z',
    disabled,
  });
  const fields = { username: ' carol ', displayName: ' Carol ', password: 'long enough pw', admin: true };

  it('are checked before sending: a username, a password of 10 to 200 characters', () => {
    expect(validateUser({ ...fields, username: '', password: 'short' })).toEqual({
      username: 'A username is required.',
      password: 'The password needs 10 to 200 characters.',
    });
    expect(validateUser({ ...fields, password: 'x'.repeat(201) })).toHaveProperty('password');
    expect(validateUser(fields)).toEqual({});
    expect(userRequest(fields)).toEqual({ username: 'carol', password: 'long enough pw', display_name: 'Carol', is_admin: true });
    expect(userRequest({ ...fields, displayName: ' ', admin: false })).toEqual({ username: 'carol', password: 'long enough pw', is_admin: false });
  });

  it('are listed, all pages read, and a new one created', async () => {
    server.routes[`${USERS}?limit=500`] = { status: 200, body: ok({ items: [user('admin', true)], next: '1' }) };
    server.routes[`${USERS}?limit=500&after=1`] = { status: 200, body: ok({ items: [user('bob')], next: null }) };
    answer('POST', USERS, { status: 201, body: ok({ user_id: 'u-carol', version: 0 }) });
    renderWith(<Users />);
    expect((await screen.findByRole('cell', { name: 'bob' })).closest('tr')).toHaveTextContent('no');
    expect(screen.getByRole('cell', { name: 'admin' }).closest('tr')).toHaveTextContent('yes');

    const form = screen.getByRole('form', { name: 'New user' });
    fireEvent.change(within(form).getByLabelText('Username'), { target: { value: 'carol' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'too short' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(within(form).getByLabelText('Password')).toHaveAccessibleDescription(
      '10 to 200 characters; give it to them yourself The password needs 10 to 200 characters.',
    );
    expect(server.commands()).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'long enough pw' } });
    fireEvent.click(within(form).getByLabelText(/Administrator/));
    fireEvent.click(within(form).getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(within(form).getByRole('status')).toHaveTextContent('User carol created.'));
    expect(server.sent('POST', USERS)[0].body).toEqual({ username: 'carol', password: 'long enough pw', is_admin: true });
    expect(within(form).getByLabelText('Password')).toHaveValue('');
    await waitFor(() => expect(server.sent('GET', `${USERS}?limit=500`)).toHaveLength(2));
  });

  it('are made administrators, disabled once confirmed and enabled again; not the one signed in', async () => {
    server.routes['/api/v1/auth/me'] = { status: 200, body: ok({ ...ada, username: 'admin', is_admin: true }) };
    server.routes[`${USERS}?limit=500`] = {
      status: 200,
      body: ok({ items: [user('admin', true), user('bob'), user('eve', false, true)], next: null }),
    };
    answer('PATCH', `${USERS}/u-bob`, { status: 200, body: ok({ user_id: 'u-bob', version: 3 }) });
    answer('PATCH', `${USERS}/u-eve`, { status: 200, body: ok({ user_id: 'u-eve', version: 5 }) });
    renderWith(<Users />);
    const bob = (await screen.findByRole('cell', { name: 'bob' })).closest('tr')!;
    const eve = screen.getByRole('cell', { name: 'eve' }).closest('tr')!;
    expect(eve).toHaveTextContent('disabled');
    await waitFor(() =>
      expect(within(screen.getByRole('cell', { name: 'admin' }).closest('tr')!).queryAllByRole('button')).toHaveLength(0),
    );

    fireEvent.click(within(bob).getByRole('button', { name: 'Make administrator bob' }));
    await waitFor(() => expect(server.sent('PATCH', `${USERS}/u-bob`)[0].body).toEqual({ is_admin: true }));
    fireEvent.click(within(bob).getByRole('button', { name: 'Disable bob' }));
    expect(server.sent('PATCH', `${USERS}/u-bob`)).toHaveLength(1);
    fireEvent.click(within(bob).getByRole('button', { name: 'Yes, disable' }));
    await waitFor(() => expect(server.sent('PATCH', `${USERS}/u-bob`)[1].body).toEqual({ disabled: true }));
    fireEvent.click(within(eve).getByRole('button', { name: 'Enable eve' }));
    await waitFor(() => expect(server.sent('PATCH', `${USERS}/u-eve`)[0].body).toEqual({ disabled: false }));
  });

  it("show the server's refusal and keep the form", async () => {
    answer('POST', USERS, { status: 409, body: fail('CONFLICT', 'the username carol is taken') });
    renderWith(<Users />);
    const form = screen.getByRole('form', { name: 'New user' });
    fireEvent.change(within(form).getByLabelText('Username'), { target: { value: 'carol' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'long enough pw' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create user' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('the username carol is taken');
    expect(within(form).getByLabelText('Username')).toHaveValue('carol');
  });
});
