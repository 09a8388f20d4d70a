import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Board, Project } from '../api';
import { ownerTeams } from '../components/OwnerSelect';
import { EMPTY_PROJECT, projectRequest, validateProject } from './NewProjectDialog';
import { ada, DEFAULT_COLUMNS, fail, ok, projects } from '../test/fixtures';
import { fakeAppServer, renderApp } from '../test/app';

const server = fakeAppServer();

const gamma: Project = {
  project_id: 'p3',
  name: 'Gamma',
  vision: 'A third project',
  default_branch: 'trunk',
  archived: false,
  columns: DEFAULT_COLUMNS,
  counts: {},
};
const gammaBoard: Board = { project_id: 'p3', columns: DEFAULT_COLUMNS.map((c) => ({ ...c, tasks: [] })) };

async function openDialog() {
  fireEvent.click(await screen.findByRole('button', { name: 'New project' }));
  return screen.getByRole('dialog', { name: 'New project' });
}


describe('the New project form', () => {
  it('needs a name and the repository chosen', () => {
    expect(validateProject(EMPTY_PROJECT)).toEqual({
      name: 'A name is required.',
      localPath: 'The path of a git repository on the server is required.',
    });
    expect(validateProject({ ...EMPTY_PROJECT, name: 'x', source: 'url' })).toEqual({
      repoUrl: 'The repository URL is required.',
    });
    expect(validateProject({ ...EMPTY_PROJECT, name: 'x', localPath: '/srv/x' })).toEqual({});
  });

  it('sends exactly one of local_path and repo_url, and leaves empty fields out', () => {
    const fields = { ...EMPTY_PROJECT, name: ' Gamma ', localPath: '/srv/g', repoUrl: 'https://example.com/g.git' };
    expect(projectRequest(fields)).toEqual({ name: 'Gamma', local_path: '/srv/g', default_branch: 'main' });
    expect(projectRequest({ ...fields, source: 'url', defaultBranch: '', test: 'npm test', lint: ' ' })).toEqual({
      name: 'Gamma',
      repo_url: 'https://example.com/g.git',
      commands: { test: 'npm test' },
    });
    expect(projectRequest({ ...fields, teamId: 't-core' })).toMatchObject({ name: 'Gamma', team_id: 't-core' });
  });

  it('offers as owners the teams where one may write (member or admin), not those where one only reads', () => {
    expect(ownerTeams(ada).map((team) => team.name)).toEqual(['Core', 'Ops']);
  });
});

describe('New project (sidebar)', () => {
  it('validates before sending anything', async () => {
    renderApp();
    const dialog = await openDialog();
    // accounts are off: the project is the one user's
    expect(within(dialog).queryByLabelText('Owner')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create project' }));
    expect(within(dialog).getByText('A name is required.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Local path')).toHaveAttribute('aria-invalid', 'true');
    expect(server.commands()).toHaveLength(0);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("shows the server's refusal and keeps the input", async () => {
    server.on((call) =>
      call.method === 'POST' && call.url === '/api/v1/projects'
        ? { status: 400, body: fail('VALIDATION', 'local_path /nowhere is not a git repository') }
        : undefined,
    );
    renderApp();
    const dialog = await openDialog();
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Gamma' } });
    fireEvent.change(within(dialog).getByLabelText('Local path'), { target: { value: '/nowhere' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create project' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('local_path /nowhere is not a git repository (VALIDATION)');
    expect(within(dialog).getByLabelText('Name')).toHaveValue('Gamma');
    expect(within(dialog).getByLabelText('Local path')).toHaveValue('/nowhere');
    expect(server.commands()).toHaveLength(1);
  });

  it('creates the project from a repository URL and opens its board', async () => {
    server.on((call) => {
      if (call.method === 'POST' && call.url === '/api/v1/projects') {
        server.routes['/api/v1/projects?limit=500'] = { status: 200, body: ok({ items: [...projects.items, gamma], next: null }) };
        server.routes['/api/v1/projects/p3?min_version=0'] = { status: 200, body: ok(gamma) };
        server.routes['/api/v1/projects/p3/board'] = { status: 200, body: ok(gammaBoard) };
        return { status: 201, body: ok({ project_id: 'p3', version: 0 }) };
      }
      return undefined;
    });
    renderApp();
    const dialog = await openDialog();
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Gamma' } });
    fireEvent.change(within(dialog).getByLabelText('Vision'), { target: { value: 'A third project' } });
    fireEvent.click(within(dialog).getByLabelText('A repository URL'));
    expect(within(dialog).queryByLabelText('Local path')).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('Repository URL'), { target: { value: 'https://example.com/g.git' } });
    fireEvent.change(within(dialog).getByLabelText('Default branch'), { target: { value: 'trunk' } });
    fireEvent.change(within(dialog).getByLabelText('Install command'), { target: { value: 'npm ci' } });
    fireEvent.change(within(dialog).getByLabelText('Test command'), { target: { value: 'npm test' } });
    fireEvent.change(within(dialog).getByLabelText('Lint command'), { target: { value: 'npm run lint' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create project' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Gamma' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(window.location.hash).toBe('#/p/p3');
    expect(server.commands()).toEqual([
      {
        method: 'POST',
        url: '/api/v1/projects',
        body: {
          name: 'Gamma',
          vision: 'A third project',
          repo_url: 'https://example.com/g.git',
          default_branch: 'trunk',
          commands: { install: 'npm ci', test: 'npm test', lint: 'npm run lint' },
        },
      },
    ]);
    // Read its own write before showing the board (a new project's version is 0).
    expect(server.sent('GET', '/api/v1/projects/p3?min_version=0')).toHaveLength(1);
    await waitFor(() =>
      expect(within(screen.getByRole('navigation', { name: 'Projects' })).getByRole('link', { name: /Gamma/ })).toHaveAttribute(
        'aria-current',
        'page',
      ),
    );
  });
});

describe('New project with accounts on', () => {
  it('is owned by me, or by a team I may write in (team_id)', async () => {
    server.routes['/api/v1/auth/me'] = { status: 200, body: ok(ada) };
    server.on((call) =>
      call.method === 'POST' && call.url === '/api/v1/projects'
        ? { status: 403, body: fail('FORBIDDEN', 'a viewer of Core cannot create its projects') }
        : undefined,
    );
    renderApp();
    const dialog = await openDialog();
    const owner = within(dialog).getByLabelText('Owner');
    expect(within(owner).getAllByRole('option').map((o) => o.textContent)).toEqual(['Me (ada)', 'Team Core', 'Team Ops']);
    expect(owner).toHaveValue('');
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Gamma' } });
    fireEvent.change(within(dialog).getByLabelText('Local path'), { target: { value: '/srv/g' } });
    fireEvent.change(owner, { target: { value: 't-core' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create project' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('a viewer of Core cannot create its projects');
    expect(server.sent('POST', '/api/v1/projects')[0].body).toEqual({
      name: 'Gamma',
      local_path: '/srv/g',
      default_branch: 'main',
      team_id: 't-core',
    });
  });
});
