#!/usr/bin/env node
// A new user's walkthrough in the browser only, against a running Baton server with no data of theirs: create a
// project (New project), an agent profile (New Agent Profile), a plan of two tasks on the canvas, compile, confirm,
// run it with manual merges, review the first task's attempt and merge it, then read the project's history in the
// timeline. The run page is audited for accessibility (lib.mjs's audit). Launched by
// api/src/test/java/dev/baton/api/e2e/WalkthroughBrowserTest.java.
//
// Environment: BATON_URL, BATON_REPO (a git repository's absolute path on the server's machine), BATON_PROJECT_NAME
// (all required); CHROMIUM_PATH (default /usr/bin/chromium).
// Output: progress lines, then "5 passed, 0 failed" (exit 0), or "FAIL ..." (exit 1). Screenshot:
// docs/screenshots/run.png; on failure ui/target/e2e/walkthrough.e2e-failure.png.
import { join } from 'node:path';
import { audit, script, shotsDir } from './lib.mjs';

const STEP_MS = 30_000;
const { log, run } = script('walkthrough.e2e', {
  required: ['BATON_URL', 'BATON_REPO', 'BATON_PROJECT_NAME'],
  timeoutMs: 180_000,
});

const enabled = (page, name) =>
  page.waitForFunction(
    (label) => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === label && !b.disabled),
    name,
    { timeout: STEP_MS },
  );

run(async ({ page, env, passed }) => {
  const base = env.BATON_URL.replace(/\/+$/, '');
  const name = env.BATON_PROJECT_NAME;
  await page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });

  // 1. a project
  await page.getByRole('button', { name: 'New project' }).click();
  const project = page.getByRole('dialog', { name: 'New project' });
  await project.getByLabel('Name', { exact: true }).fill(name);
  await project.getByLabel('Local path', { exact: true }).fill(env.BATON_REPO);
  await project.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ timeout: STEP_MS });
  log(`project "${name}" created; its board is open`);
  passed();

  // 2. an agent profile that writes the task it gets into a file
  await page.getByRole('button', { name: 'New Agent Profile' }).click();
  const agent = page.getByRole('dialog', { name: 'New agent profile' });
  await agent.getByLabel('Name').fill('Scribe');
  await agent.getByLabel(/^Command/).fill('bash\n-c\necho "working on it"; echo "$BATON_PROMPT" > TASK.md');
  await agent.getByRole('button', { name: 'Create' }).click();
  await agent.waitFor({ state: 'detached', timeout: STEP_MS });
  log('agent profile "Scribe" created');
  passed();

  // 3. a plan of two tasks, the second depending on the first; compiled and confirmed
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Plan' }).click();
  for (const title of ['Write the README', 'Write the changelog']) {
    const form = page.getByRole('form', { name: 'Add a node' });
    await form.getByLabel('Layer').selectOption('task');
    await form.getByLabel('Title').fill(title);
    await form.getByRole('button', { name: 'Add node' }).click();
    await page.getByRole('complementary', { name: 'Plan nodes and edges' }).getByText(title).first().waitFor({ timeout: STEP_MS });
  }
  const side = page.getByRole('complementary', { name: 'Plan nodes and edges' });
  const from = side.getByLabel('Edge from');
  const to = side.getByLabel('Edge to');
  await from.selectOption({ label: await optionLabel(from, 'Write the changelog') });
  await to.selectOption({ label: await optionLabel(to, 'Write the README') });
  await side.getByLabel('Kind').selectOption('depends_on');
  await side.getByRole('button', { name: /^Add edge/ }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /Saved as version 1/ }).waitFor({ timeout: STEP_MS });
  await enabled(page, 'Compile');
  await page.getByRole('button', { name: 'Compile', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /Compiled version 1/ }).waitFor({ timeout: STEP_MS });
  await enabled(page, 'Confirm');
  await page.getByRole('button', { name: 'Confirm', exact: true }).click();
  await page.getByRole('status').filter({ hasText: /2 of 2 tasks on the board/ }).waitFor({ timeout: STEP_MS });
  log('plan saved, compiled and confirmed: 2 tasks on the board');
  passed();

  // 4. run it with manual merges; review the first task's attempt and merge it
  await enabled(page, 'Run…');
  await page.getByRole('button', { name: 'Run…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run the graph' });
  await dialog.getByLabel('Agent profile').selectOption({ label: await optionLabel(dialog.getByLabel('Agent profile'), 'Scribe') });
  await dialog.getByLabel('Merge policy').selectOption('manual');
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL(/#\/runs\//, { timeout: STEP_MS });
  log(`run started: ${page.url()}`);
  const readme = page.getByRole('link', { name: /^Open .*'s attempt$/ }).first();
  await readme.waitFor({ timeout: STEP_MS });
  await page.getByRole('list', { name: 'Tasks per status' }).getByText(/review/i).first().waitFor({ timeout: STEP_MS });
  await page.screenshot({ path: join(shotsDir, 'run.png') });
  await audit(page, 'run');
  await readme.click();
  await enabled(page, 'Approve & merge');
  await page.getByRole('tab', { name: /^Diff/ }).click();
  await page.getByText('TASK.md').first().waitFor({ timeout: STEP_MS });
  await page.getByRole('button', { name: 'Approve & merge' }).click();
  await page.waitForFunction(
    () => [...document.querySelectorAll('.badge, [class*=status]')].some((e) => /merged/i.test(e.textContent ?? '')),
    null,
    { timeout: STEP_MS },
  );
  log('the first task was reviewed and merged');
  passed();

  // 5. the history
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Timeline' }).click();
  await page.getByRole('combobox', { name: 'Project', exact: true }).selectOption({ label: name });
  await page.getByLabel('Event type').fill('AttemptMergedEvent');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const merged = page.getByRole('list', { name: 'Events' }).getByText('AttemptMergedEvent');
  await merged.first().waitFor({ timeout: STEP_MS });
  await merged.first().click();
  await page.getByLabel('Payload').waitFor({ timeout: STEP_MS });
  log('the timeline shows the merge, with its payload');
  passed();
});

/** The text of the option of `select` that contains `text`. */
async function optionLabel(select, text) {
  const option = select.locator('option').filter({ hasText: text }).first();
  await option.waitFor({ state: 'attached', timeout: STEP_MS });
  return (await option.textContent()).trim();
}
