import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../test/fixtures';
import { fakeAppServer } from '../test/app';
import { ChangePassword, passwordProblem, SetUserPassword } from './Passwords';

const server = fakeAppServer();
const OWN = '/api/v1/auth/password';

function renderWith(node: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

function answer(method: string, url: string, reply: { status: number; body: unknown }) {
  server.on((call) => (call.method === method && call.url === url ? reply : undefined));
}

function fill(form: HTMLElement, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(within(form).getByLabelText(label), { target: { value } });
  }
}

describe('passwords', () => {
  it('are checked before sending: length, and the same twice', () => {
    expect(passwordProblem('long-enough-1', 'long-enough-1')).toBeNull();
    expect(passwordProblem('short', 'short')).toMatch(/10 to 200/);
    expect(passwordProblem('long-enough-1', 'long-enough-2')).toMatch(/differ/);
  });

  it('are changed with the current one, the fields cleared after', async () => {
    answer('PUT', OWN, { status: 200, body: ok({ status: 'changed', version: 4 }) });
    renderWith(<ChangePassword />);
    const form = screen.getByRole('form', { name: 'Change password' });
    fill(form, { 'Current password': 'old-password-1', 'New password': 'new-password-2', 'New password again': 'typo-password' });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The two new passwords differ.')).toBeInTheDocument();
    expect(server.commands()).toHaveLength(0);

    fill(form, { 'New password again': 'new-password-2' });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText(/other sessions are signed out/)).toBeInTheDocument();
    expect(server.sent('PUT', OWN)[0].body).toEqual({ current_password: 'old-password-1', new_password: 'new-password-2' });
    expect(within(form).getByLabelText('Current password')).toHaveValue('');
  });

  it("show the server's refusal of a wrong current password", async () => {
    answer('PUT', OWN, { status: 400, body: fail('VALIDATION_FAILED', 'the current password is wrong') });
    renderWith(<ChangePassword />);
    const form = screen.getByRole('form', { name: 'Change password' });
    fill(form, { 'Current password': 'guess-guess', 'New password': 'new-password-2', 'New password again': 'new-password-2' });
    fireEvent.click(within(form).getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the current password is wrong');
  });

  it("are set by an administrator for a user named by username", async () => {
    answer('PUT', '/api/v1/users/pat/password', { status: 200, body: ok({ status: 'changed', version: 2 }) });
    renderWith(<SetUserPassword />);
    const form = screen.getByRole('form', { name: "Set a user's password" });
    fill(form, { User: ' pat ', 'Their new password': 'fresh-password-3' });
    fireEvent.click(within(form).getByRole('button', { name: 'Set password' }));
    await waitFor(() => expect(server.sent('PUT', '/api/v1/users/pat/password')).toHaveLength(1));
    expect(server.sent('PUT', '/api/v1/users/pat/password')[0].body).toEqual({ new_password: 'fresh-password-3' });
    expect(await screen.findByText(/pat's password is set/)).toBeInTheDocument();
  });
});
