import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fail, ok } from '../test/fixtures';
import { fakeAppServer } from '../test/app';
import { ProviderKeys, validateProviderKey } from './ProviderKeys';

const server = fakeAppServer();
const KEYS = '/api/v1/me/provider-keys';
const OPENAI = { name: 'OPENAI_API_KEY', updated_at: '2026-11-20T08:00:00Z' };

function renderKeys() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ProviderKeys />
    </QueryClientProvider>,
  );
}

/** Answers `method url` with `reply` (handlers answer before the GET routes). */
function answer(method: string, url: string, reply: { status: number; body: unknown }) {
  server.on((call) => (call.method === method && call.url === url ? reply : undefined));
}

describe('provider keys', () => {
  it('are checked before sending: a variable name and a value long enough to hide', () => {
    expect(validateProviderKey('OPENAI_API_KEY', 'sk-12345678')).toBeNull();
    expect(validateProviderKey('openai_api_key', 'sk-12345678')).toMatch(/upper-case/);
    expect(validateProviderKey('OPENAI-KEY', 'sk-12345678')).toMatch(/upper-case/);
    expect(validateProviderKey('OPENAI_API_KEY', ' short ')).toMatch(/at least 8/);
  });

  it('are listed by name and time, never a value, and removed only once confirmed', async () => {
    server.routes[KEYS] = { status: 200, body: ok({ items: [OPENAI], next: null }) };
    renderKeys();
    const row = (await screen.findByRole('cell', { name: 'OPENAI_API_KEY' })).closest('tr')!;
    expect(row).toHaveTextContent(new Date(OPENAI.updated_at).toLocaleString());

    fireEvent.click(within(row).getByRole('button', { name: 'Remove OPENAI_API_KEY' }));
    expect(server.commands()).toHaveLength(0);
    fireEvent.click(within(row).getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() => expect(server.sent('DELETE', `${KEYS}/OPENAI_API_KEY`)).toHaveLength(1));
  });

  it('send a new value once, then clear it from the page', async () => {
    server.routes[KEYS] = { status: 200, body: ok({ items: [], next: null }) };
    answer('PUT', `${KEYS}/ANTHROPIC_API_KEY`, {
      status: 200,
      body: ok({ name: 'ANTHROPIC_API_KEY', updated_at: '2026-11-24T10:00:00Z', version: 3 }),
    });
    renderKeys();
    expect(await screen.findByText('No provider keys yet.')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Set a provider key' });
    fireEvent.change(within(form).getByLabelText('Key name'), { target: { value: 'anthropic_api_key' } });
    const value = within(form).getByLabelText('Value');
    expect(value).toHaveAttribute('type', 'password');
    fireEvent.change(value, { target: { value: 'sk-ant-secret-value' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save key' }));

    await waitFor(() => expect(server.sent('PUT', `${KEYS}/ANTHROPIC_API_KEY`)).toHaveLength(1));
    expect(server.sent('PUT', `${KEYS}/ANTHROPIC_API_KEY`)[0].body).toEqual({ value: 'sk-ant-secret-value' });
    expect(await screen.findByText(/ANTHROPIC_API_KEY saved/)).toBeInTheDocument();
    expect(screen.queryByDisplayValue('sk-ant-secret-value')).toBeNull();
  });

  it('say what is wrong without sending, and show the server refusal', async () => {
    server.routes[KEYS] = { status: 200, body: ok({ items: [OPENAI], next: null }) };
    answer('PUT', `${KEYS}/OPENAI_API_KEY`, {
      status: 400,
      body: fail('VALIDATION_FAILED', 'a provider key\'s value is one line without control characters'),
    });
    renderKeys();
    const row = (await screen.findByRole('cell', { name: 'OPENAI_API_KEY' })).closest('tr')!;
    const form = screen.getByRole('form', { name: 'Set a provider key' });
    fireEvent.click(within(row).getByRole('button', { name: 'Replace OPENAI_API_KEY' }));
    expect(within(form).getByLabelText('Key name')).toHaveValue('OPENAI_API_KEY');
    expect(within(form).getByLabelText('Value')).toHaveFocus();

    fireEvent.change(within(form).getByLabelText('Value'), { target: { value: 'short' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save key' }));
    expect(await screen.findByText(/at least 8 characters/)).toBeInTheDocument();
    expect(server.commands()).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('Value'), { target: { value: 'sk-long-enough-value' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save key' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('one line without control characters');
  });
});
