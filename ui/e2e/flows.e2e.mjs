#!/usr/bin/env node
// Browser end-to-end checks of the pages besides the board, run against an already running Baton server whose data
// the launcher (api/src/test/java/dev/baton/api/e2e/BrowserFlowsTest.java) made through the API:
//   1. attempt: open the task's drawer, run it with a command agent, open the attempt, see its log line arrive
//      live, open the diff, approve and merge, and see the card in Done;
//   2. plan: compile a plan whose tasks depend on each other in a circle, and see the cycle marked;
//   3. timeline: move the time slider back to before the task existed, and see the board without it.
// The attempt's Logs and Diff tabs, the plan canvas and the timeline are audited for accessibility (lib.mjs's audit).
//
// Environment (all required): BATON_URL, BATON_PROJECT_ID, BATON_TASK_ID, BATON_TASK_TITLE, BATON_AGENT_NAME,
// BATON_LOG_LINE (a line the agent prints), BATON_FILE (the file it writes), BATON_PLAN_PROJECT_ID (a project whose
// latest plan has a cycle); CHROMIUM_PATH (default /usr/bin/chromium).
//
// Output: progress lines, then "3 passed, 0 failed" (exit 0), or "FAIL ..." (exit 1). Screenshots:
// docs/screenshots/{attempt-logs,attempt-diff,plan-cycle,timeline}.png; on failure ui/target/e2e/flows.e2e-failure.png.
import { join } from 'node:path';
import { audit, script, shotsDir } from './lib.mjs';

const STEP_MS = 20_000;
const { log, run } = script('flows.e2e', {
  required: ['BATON_URL', 'BATON_PROJECT_ID', 'BATON_TASK_ID', 'BATON_TASK_TITLE', 'BATON_AGENT_NAME', 'BATON_LOG_LINE',
    'BATON_FILE', 'BATON_PLAN_PROJECT_ID'],
  timeoutMs: 120_000,
});

async function attemptFlow(page, base, env) {
  const board = `${base}/#/p/${encodeURIComponent(env.BATON_PROJECT_ID)}`;
  log(`opening the drawer of "${env.BATON_TASK_TITLE}"`);
  await page.goto(`${board}?task=${encodeURIComponent(env.BATON_TASK_ID)}`, { waitUntil: 'domcontentloaded' });
  const drawer = page.getByRole('complementary', { name: env.BATON_TASK_TITLE });
  await drawer.waitFor({ timeout: STEP_MS });
  const profile = drawer.getByLabel('Agent profile for the run');
  const option = profile.locator('option').filter({ hasText: env.BATON_AGENT_NAME });
  await option.waitFor({ state: 'attached', timeout: STEP_MS });
  await profile.selectOption((await option.getAttribute('value')) ?? '');
  await drawer.getByRole('button', { name: 'Run', exact: true }).click();
  const attemptLink = drawer.getByRole('list', { name: 'Attempt history, newest first' }).getByRole('link').first();
  await attemptLink.waitFor({ timeout: STEP_MS });
  await attemptLink.click();
  log(`attempt page ${page.url()}`);

  await page.getByRole('tab', { name: 'Logs' }).waitFor({ timeout: STEP_MS });
  await page.getByText(env.BATON_LOG_LINE).first().waitFor({ timeout: STEP_MS });
  log(`the log line "${env.BATON_LOG_LINE}" arrived`);
  await page.screenshot({ path: join(shotsDir, 'attempt-logs.png') });
  await audit(page, 'attempt, Logs tab');

  const approve = page.getByRole('button', { name: 'Approve & merge' });
  await page.waitForFunction(
    () => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Approve & merge' && !b.disabled),
    null,
    { timeout: STEP_MS },
  );
  await page.getByRole('tab', { name: /^Diff/ }).click();
  await page.getByText(env.BATON_FILE).first().waitFor({ timeout: STEP_MS });
  log(`the diff shows ${env.BATON_FILE}`);
  await page.screenshot({ path: join(shotsDir, 'attempt-diff.png') });
  await audit(page, 'attempt, Diff tab');

  await approve.click();
  await page.waitForFunction(
    () => [...document.querySelectorAll('.badge, [class*=status]')].some((e) => /merged/i.test(e.textContent ?? '')),
    null,
    { timeout: STEP_MS },
  );
  log('the attempt is merged');

  await page.goto(board, { waitUntil: 'domcontentloaded' });
  await page
    .locator('main section[data-column-id="done"] article[data-task-id]')
    .filter({ has: page.getByRole('heading', { level: 3, name: env.BATON_TASK_TITLE, exact: true }) })
    .waitFor({ timeout: STEP_MS });
  log('the card is in Done');
}

async function planFlow(page, base, env) {
  await page.goto(`${base}/#/p/${encodeURIComponent(env.BATON_PLAN_PROJECT_ID)}/plan`, { waitUntil: 'domcontentloaded' });
  const compile = page.getByRole('button', { name: 'Compile', exact: true });
  await compile.waitFor({ timeout: STEP_MS });
  await page.waitForFunction(
    () => [...document.querySelectorAll('button')].some((b) => b.textContent?.trim() === 'Compile' && !b.disabled),
    null,
    { timeout: STEP_MS },
  );
  await compile.click();
  const alert = page.getByRole('alert').filter({ hasText: /cycle/i });
  await alert.waitFor({ timeout: STEP_MS });
  const marked = await page.locator('.plan-list--cycle').count();
  if (marked < 2) throw new Error(`the cycle's nodes are not marked (${marked} marked): ${await alert.innerText()}`);
  log(`compile refused: "${(await alert.innerText()).trim()}"; ${marked} nodes marked`);
  await page.screenshot({ path: join(shotsDir, 'plan-cycle.png') });
  await audit(page, 'plan canvas');
}

async function timelineFlow(page, base, env) {
  await page.goto(`${base}/#/timeline?project_id=${encodeURIComponent(env.BATON_PROJECT_ID)}`, { waitUntil: 'domcontentloaded' });
  const slider = page.getByRole('slider', { name: 'Board as of' });
  await slider.waitFor({ timeout: STEP_MS });
  await page.waitForFunction(() => !document.querySelector('#tl-slider')?.disabled, null, { timeout: STEP_MS });
  const card = page.locator('.tl-card').filter({ hasText: env.BATON_TASK_TITLE });
  await card.first().waitFor({ timeout: STEP_MS });
  log('at the latest position the board has the task');
  await slider.focus();
  await slider.press('Home');
  await page.getByRole('region', { name: 'Time travel' }).getByText(/Position \d+/).first().waitFor({ timeout: STEP_MS });
  await card.first().waitFor({ state: 'detached', timeout: STEP_MS });
  log(`moved back to "${await slider.getAttribute('aria-valuetext')}": the task is not on the board`);
  await page.screenshot({ path: join(shotsDir, 'timeline.png') });
  await audit(page, 'timeline');
}

run(async ({ page, env, passed }) => {
  const base = env.BATON_URL.replace(/\/+$/, '');
  for (const [name, flow] of [['attempt', attemptFlow], ['plan', planFlow], ['timeline', timelineFlow]]) {
    try {
      await flow(page, base, env);
    } catch (e) {
      throw new Error(`${name}: ${e.message}`);
    }
    passed();
    log(`${name}: passed`);
  }
});
