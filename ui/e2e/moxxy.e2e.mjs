#!/usr/bin/env node
// Browser end-to-end check of the moxxy settings, against a running Baton server and a fake moxxy that the launcher
// (api/src/test/java/dev/baton/api/e2e/MoxxyBrowserTest.java) started: connect with a token (never shown again),
// create a moxxy agent, set a vault key, see the templates, start an orchestration job from a board task, see it executing, cancel it.
// The settings' three tabs (project, agent profiles, moxxy) are audited for accessibility (lib.mjs's audit).
//
// Environment (all required): BATON_URL, BATON_PROJECT_ID, BATON_TASK_TITLE, MOXXY_URL, MOXXY_TOKEN;
// CHROMIUM_PATH (default /usr/bin/chromium).
// Output: progress lines, then "1 passed, 0 failed" (exit 0), or "FAIL ..." (exit 1). Screenshot:
// docs/screenshots/settings-moxxy.png; on failure ui/target/e2e/moxxy.e2e-failure.png.
import { join } from 'node:path';
import { audit, script, shotsDir } from './lib.mjs';

const STEP_MS = 20_000;
const { log, run } = script('moxxy.e2e', {
  required: ['BATON_URL', 'BATON_PROJECT_ID', 'BATON_TASK_TITLE', 'MOXXY_URL', 'MOXXY_TOKEN'],
  viewport: { width: 1440, height: 1100 },
});

run(async ({ page, env, passed }) => {
  const base = env.BATON_URL.replace(/\/+$/, '');
  await page.goto(`${base}/#/p/${encodeURIComponent(env.BATON_PROJECT_ID)}/settings`, { waitUntil: 'domcontentloaded' });
  await page.getByRole('form', { name: 'Project settings' }).waitFor({ timeout: STEP_MS });
  await audit(page, 'settings, Project tab');
  await page.getByRole('tab', { name: 'Agent profiles' }).click();
  await page.getByRole('button', { name: 'New agent profile', exact: true }).click();
  await page.getByRole('form', { name: 'New agent profile', exact: true }).waitFor({ timeout: STEP_MS });
  await audit(page, 'settings, Agent profiles tab');
  await page.getByRole('tab', { name: 'moxxy' }).click();
  const form = page.getByRole('form', { name: 'moxxy connection' });
  await form.getByLabel('Base URL').fill(env.MOXXY_URL);
  await form.getByLabel('Token kind').selectOption('bearer');
  await form.getByLabel(/^Token \(write-only/).fill(env.MOXXY_TOKEN);
  // "Connect again" when the server already has a connection (another test's)
  await form.getByRole('button', { name: /^Connect( again)?$/ }).click();
  await form.getByRole('status').filter({ hasText: `Connected to ${env.MOXXY_URL.replace(/\/+$/, '')}` }).waitFor({ timeout: STEP_MS });
  if ((await form.getByLabel(/^Token \(write-only/).inputValue()) !== '') throw new Error('the token field kept the token');
  if ((await page.content()).includes(env.MOXXY_TOKEN)) throw new Error('the page shows the token');
  log('connected; the token is nowhere on the page');

  const agents = page.getByRole('form', { name: 'New moxxy agent' });
  await agents.getByLabel('Name').fill('reviewer');
  await agents.getByLabel('Description').fill('Reviews the changes');
  await agents.getByRole('button', { name: 'Create agent' }).click();
  await page.getByRole('button', { name: 'Restart reviewer' }).waitFor({ timeout: STEP_MS });
  log('moxxy agent "reviewer" created');

  const vault = page.getByRole('form', { name: 'Vault key' });
  await vault.getByLabel('Key').fill('GITHUB_TOKEN');
  await vault.getByLabel('Value').fill('ghp_e2e_value');
  await vault.getByRole('button', { name: 'Set in vault' }).click();
  await vault.getByRole('status').filter({ hasText: "GITHUB_TOKEN set in moxxy's vault" }).waitFor({ timeout: STEP_MS });
  log('vault key set');

  await page.getByRole('button', { name: 'Delete template builder-checker-merger' }).waitFor({ timeout: STEP_MS });
  log("the agent's seeded templates are listed");

  const start = page.getByRole('form', { name: 'Start orchestration' });
  await start.getByLabel(env.BATON_TASK_TITLE).check();
  await start.getByRole('button', { name: 'Start orchestration' }).click();
  const row = page.getByRole('row').filter({ hasText: env.BATON_TASK_TITLE });
  await row.filter({ hasText: 'executing' }).waitFor({ timeout: STEP_MS });
  log('the job is executing');
  await page.screenshot({ path: join(shotsDir, 'settings-moxxy.png'), fullPage: true });
  await audit(page, 'settings, moxxy tab');

  await row.getByRole('button', { name: 'Cancel' }).click();
  await row.filter({ hasText: 'canceled' }).waitFor({ timeout: STEP_MS });
  log('the job is cancelled');
  passed();
});
