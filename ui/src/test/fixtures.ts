import type { Board, Card, Page, Project } from '../api';
import type { Me } from '../auth/api';

export const DEFAULT_COLUMNS = [
  { id: 'backlog', name: 'Backlog' },
  { id: 'todo', name: 'To Do' },
  { id: 'in_progress', name: 'In Progress' },
  { id: 'review', name: 'Review' },
  { id: 'done', name: 'Done' },
];

export function card(overrides: Partial<Card> & Pick<Card, 'task_id' | 'title' | 'column'>): Card {
  return {
    rank: 1,
    labels: [],
    priority: null,
    agent_profile_id: null,
    agent_name: null,
    status: 'idle',
    last_outcome: null,
    attempt_count: 0,
    blocked_by: [],
    ...overrides,
  };
}

export const projects: Page<Project> = {
  items: [
    {
      project_id: 'p1',
      name: 'Alpha',
      vision: 'Ship the alpha',
      default_branch: 'main',
      archived: false,
      columns: DEFAULT_COLUMNS,
      counts: { backlog: 1, todo: 2, in_progress: 1, review: 0, done: 0 },
    },
    {
      project_id: 'p2',
      name: 'Beta',
      vision: null,
      default_branch: 'main',
      archived: false,
      columns: DEFAULT_COLUMNS,
      counts: { backlog: 0, todo: 1, in_progress: 0, review: 0, done: 0 },
    },
  ],
  next: null,
};

export const alphaBoard: Board = {
  project_id: 'p1',
  position: 12,
  columns: [
    {
      id: 'backlog',
      name: 'Backlog',
      tasks: [card({ task_id: 't1', title: 'Write docs', column: 'backlog', priority: 4 })],
    },
    {
      id: 'todo',
      name: 'To Do',
      tasks: [
        // Deliberately out of rank order: the view must sort them.
        card({ task_id: 't0', title: 'Second in To Do', column: 'todo', rank: 20, priority: 2 }),
        card({
          task_id: 't2',
          title: 'Add login',
          column: 'todo',
          rank: 10,
          labels: ['auth', 'backend'],
          priority: 1,
          agent_profile_id: 'a1',
          agent_name: 'claude',
          status: 'queued',
          blocked_by: ['t1'],
        }),
      ],
    },
    {
      id: 'in_progress',
      name: 'In Progress',
      tasks: [
        card({
          task_id: 't4',
          title: 'Fix crash',
          column: 'in_progress',
          priority: 0,
          agent_name: 'codex',
          status: 'running',
          attempt_count: 2,
          last_outcome: 'tests_failed',
        }),
      ],
    },
    { id: 'review', name: 'Review', tasks: [] },
    { id: 'done', name: 'Done', tasks: [] },
  ],
};

export const betaBoard: Board = {
  project_id: 'p2',
  position: 3,
  columns: DEFAULT_COLUMNS.map((c) => ({
    ...c,
    tasks: c.id === 'todo' ? [card({ task_id: 'b1', title: 'Beta task', column: 'todo' })] : [],
  })),
};

export const ok = <T>(data: T) => ({ ok: true, data });
export const fail = (code: string, message: string) => ({ ok: false, error: { code, message } });

/** `GET /auth/me` of a server with accounts off (the default on loopback). */
export const accountsOff: Me = { user_id: null, username: 'dev', is_admin: true, teams: [], auth_enabled: false };

/** `GET /auth/me` of ada, signed in with a session: an admin of Core, a member of Ops, a viewer of Audit. */
export const ada: Me = {
  user_id: 'u-ada',
  username: 'ada',
  display_name: 'Ada Lovelace',
  is_admin: false,
  teams: [
    { team_id: 't-core', name: 'Core', role: 'admin' },
    { team_id: 't-ops', name: 'Ops', role: 'member' },
    { team_id: 't-audit', name: 'Audit', role: 'viewer' },
  ],
  auth_enabled: true,
  signed_in_with: 'session',
  csrf_token: 'csrf-ada',
};
