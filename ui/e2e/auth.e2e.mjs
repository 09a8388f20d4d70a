#!/usr/bin/env node
// Accounts in the browser, against a running Baton server with accounts on: the board asks for a sign-in; a wrong
// password shows the server's refusal; the administrator signs in, creates a user (Settings → Users), an API token
// (shown once, and it works), a provider key (listed by name only), a team with that user as a member, and a project
// the team owns; a reload keeps the session (a write after it carries the CSRF token that /auth/me answered again);
// signing out shows the sign-in page, also after a reload. The sign-in page and the Account tab are audited for accessibility (lib.mjs's audit).
// Launched by api/src/test/java/dev/baton/api/e2e/AuthBrowserTest.java.
//
// Environment (all required): BATON_URL, BATON_ADMIN_PASSWORD (admin's), BATON_NEW_USER and BATON_NEW_PASSWORD (the
// user to create), BATON_TEAM (the team to create), BATON_PROJECT_NAME, BATON_REPO (a git repository's absolute path
// on the server's machine), BATON_TASK_TITLE (the task written after the reload); CHROMIUM_PATH (default
// /usr/bin/chromium).
// Output: progress lines, then "9 passed, 0 failed" (exit 0), or "FAIL ..." (exit 1). Screenshot:
// docs/screenshots/sign-in.png; on failure ui/target/e2e/auth.e2e-failure.png.
import { join } from 'node:path';
import { audit, script, shotsDir } from './lib.mjs';

const STEP_MS = 20_000;
const { log, run } = script('auth.e2e', {
  required: ['BATON_URL', 'BATON_ADMIN_PASSWORD', 'BATON_NEW_USER', 'BATON_NEW_PASSWORD', 'BATON_TEAM',
    'BATON_PROJECT_NAME', 'BATON_REPO', 'BATON_TASK_TITLE'],
  timeoutMs: 150_000,
});

/** Fills the sign-in form and sends it. */
async function signIn(page, username, password) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  return form;
}

run(async ({ page, env, passed }) => {
  const base = env.BATON_URL.replace(/\/+$/, '');
  const user = env.BATON_NEW_USER;
  const team = env.BATON_TEAM;

  // 1. the board asks for a sign-in, focused on the username
  await page.goto(`${base}/#/`, { waitUntil: 'domcontentloaded' });
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.waitFor({ timeout: STEP_MS });
  if (await page.getByRole('navigation', { name: 'Projects' }).count()) throw new Error('the app shows before a sign-in');
  if (!(await form.getByLabel('Username').evaluate((input) => input === document.activeElement))) {
    throw new Error('the username field does not have the focus');
  }
  await audit(page, 'sign-in');
  await page.screenshot({ path: join(shotsDir, 'sign-in.png') });
  log('the sign-in page shows; screenshot saved');
  passed();

  // 2. a wrong password: the server's message, the password cleared
  await signIn(page, 'admin', 'not the password');
  await form.getByRole('alert').filter({ hasText: 'wrong username or password' }).waitFor({ timeout: STEP_MS });
  if ((await form.getByLabel('Password').inputValue()) !== '') throw new Error('the refused password is still in its field');
  log('a wrong password is refused with the server\'s message');
  passed();

  // 3. admin signs in
  await signIn(page, 'admin', env.BATON_ADMIN_PASSWORD);
  const account = page.getByRole('region', { name: 'Account' });
  await account.getByText('Signed in as').waitFor({ timeout: STEP_MS });
  if (!(await account.textContent()).includes('admin')) throw new Error(`the sidebar names someone else: ${await account.textContent()}`);
  log('admin is signed in');
  passed();

  // 4. a user, made in Settings → Users
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Users' }).click();
  const newUser = page.getByRole('form', { name: 'New user' });
  await newUser.getByLabel('Username').fill(user);
  await newUser.getByLabel('Password').fill(env.BATON_NEW_PASSWORD);
  await newUser.getByRole('button', { name: 'Create user' }).click();
  await newUser.getByRole('status').filter({ hasText: `User ${user} created.` }).waitFor({ timeout: STEP_MS });
  // (its display name is the username too)
  await page.getByRole('cell', { name: user, exact: true }).first().waitFor({ timeout: STEP_MS });
  log(`user ${user} created and listed`);
  passed();

  // 5. an API token: shown once, and it signs a script in as admin
  await page.getByRole('tab', { name: 'Account' }).click();
  const newToken = page.getByRole('form', { name: 'New API token' });
  await newToken.getByLabel('Token name').fill('browser token');
  await newToken.getByLabel('Expires').selectOption({ label: 'In 30 days' });
  await newToken.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByRole('group', { name: 'Token browser token created' });
  await shown.getByText('you will not see it again').waitFor({ timeout: STEP_MS });
  const token = await shown.getByLabel('The token browser token').inputValue();
  if (!token.startsWith('baton_')) throw new Error(`the token shown is not a Baton token: ${token.slice(0, 8)}…`);
  const me = await fetch(`${base}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json());
  if (me.data?.username !== 'admin') throw new Error(`the token does not sign in as admin: ${JSON.stringify(me)}`);
  await shown.getByRole('button', { name: 'Done' }).click();
  if ((await page.content()).includes(token)) throw new Error('the token is still on the page after Done');
  await page.getByRole('button', { name: 'Revoke browser token' }).waitFor({ timeout: STEP_MS });
  log('an API token was shown once, works, and is listed');
  passed();

  // 5b. a provider key: sent once, listed by name, its value never on the page again
  const providerKey = `sk-browser-${Date.now()}-value`;
  const newKey = page.getByRole('form', { name: 'Set a provider key' });
  await newKey.getByLabel('Key name').fill('OPENAI_API_KEY');
  await newKey.getByLabel('Value').fill(providerKey);
  await newKey.getByRole('button', { name: 'Save key' }).click();
  await page.getByText('OPENAI_API_KEY saved').waitFor({ timeout: STEP_MS });
  await page.getByRole('button', { name: 'Remove OPENAI_API_KEY' }).waitFor({ timeout: STEP_MS });
  if ((await page.content()).includes(providerKey)) throw new Error('the provider key is still on the page');
  const keys = await fetch(`${base}/api/v1/me/provider-keys`, { headers: { Authorization: `Bearer ${token}` } })
    .then((r) => r.text());
  if (!keys.includes('OPENAI_API_KEY') || keys.includes(providerKey)) throw new Error(`the keys listed: ${keys}`);
  log('a provider key was saved, is listed by name, and its value is shown nowhere');
  passed();

  // 6. a team, with the user as a member
  const newTeam = page.getByRole('form', { name: 'New team' });
  await newTeam.getByLabel('Team name').fill(team);
  await newTeam.getByRole('button', { name: 'Create team' }).click();
  await page.getByRole('button', { name: `Members of ${team}` }).click();
  const add = page.getByRole('form', { name: 'Add a member' });
  await add.getByLabel('Username').fill(user);
  await add.getByLabel('Role').selectOption('member');
  await add.getByRole('button', { name: 'Add member' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: user, exact: true }) });
  await row.waitFor({ timeout: STEP_MS });
  if ((await row.getByLabel(`Role of ${user}`, { exact: true }).inputValue()) !== 'member') throw new Error(`${user} is not a member`);
  await audit(page, 'settings, Account tab');
  log(`team ${team} created, ${user} is a member`);
  passed();

  // 7. a project the team owns
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name', { exact: true }).fill(env.BATON_PROJECT_NAME);
  await dialog.getByLabel('Owner').selectOption({ label: `Team ${team}` });
  await dialog.getByLabel('Local path', { exact: true }).fill(env.BATON_REPO);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('heading', { level: 1, name: env.BATON_PROJECT_NAME, exact: true }).waitFor({ timeout: STEP_MS });
  log(`project "${env.BATON_PROJECT_NAME}" created for team ${team}`);
  passed();

  // 8. a reload keeps the session, and a write after it works (its CSRF token came from /auth/me); then sign out
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { level: 1, name: env.BATON_PROJECT_NAME, exact: true }).waitFor({ timeout: STEP_MS });
  await page.getByRole('button', { name: 'New Task' }).click();
  const task = page.getByRole('dialog', { name: 'New task' });
  await task.getByLabel('Title').fill(env.BATON_TASK_TITLE);
  await task.getByRole('button', { name: 'Create task' }).click();
  await task.waitFor({ state: 'detached', timeout: STEP_MS });
  await page.getByRole('article', { name: env.BATON_TASK_TITLE }).waitFor({ timeout: STEP_MS });
  log('after a reload, still signed in, and a task was created');
  await account.getByRole('button', { name: 'Sign out' }).click();
  await form.waitFor({ timeout: STEP_MS });
  await page.reload({ waitUntil: 'domcontentloaded' });
  await form.waitFor({ timeout: STEP_MS });
  log('signed out: the sign-in page shows, also after a reload');
  passed();
});
