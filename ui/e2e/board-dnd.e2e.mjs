#!/usr/bin/env node
// Browser end-to-end check of the interactive board, run against an already
// running Baton server (this script never starts one):
//   1. drag a card to another column with the mouse; it shows there at once
//      (measured: drop → card rendered in its new column, and drop → the
//      server's answer to POST /tasks/{id}/move, with the performance API);
//      a second window follows through the board stream; after a reload the
//      card is still in its new column;
//   2. create a task through the New Task dialog and see it on the board;
//   3. open the task drawer of the new card;
//   4. move the new card with the keyboard (its Move button, the arrow keys)
//      to the next column and back, as announced to screen readers;
//   5. (with BATON_REPO_PATH) create a project with the sidebar's New project
//      dialog: a relative path is refused with the server's message and the
//      form keeps its input; with the repository's path the new board opens.
// The board, the New Task dialog and the task drawer are audited for
// accessibility (axe-core, lib.mjs's audit).
//
//   BATON_URL=http://127.0.0.1:12345 BATON_PROJECT_ID=<id> BATON_DRAG_TITLE='<title>' \
//     BATON_TARGET_COLUMN=review node ui/e2e/board-dnd.e2e.mjs
//
// Environment:
//   BATON_URL            base URL of the running server (required)
//   BATON_PROJECT_ID     project whose board is opened at #/p/<id> (required)
//   BATON_DRAG_TITLE     exact title of the card to drag (required)
//   BATON_TARGET_COLUMN  id of the column to drop it in (required; must differ from the card's)
//   BATON_NEW_TITLE      title of the task to create in the dialog (default: "Created in the dialog <time>")
//   BATON_REPO_PATH      absolute path of a git repository on the server's machine (step 5 runs only with it)
//   BATON_NEW_PROJECT    name of the project to create (default: "Made in the browser <time>")
//   CHROMIUM_PATH        browser binary (default /usr/bin/chromium)
//
// Output: progress lines, the figures as "METRIC <name> <value> ms", then
// "4 passed, 0 failed" (5 with BATON_REPO_PATH; exit 0), or a "FAIL ..." line and "... failed" (exit 1).
// Screenshots: docs/screenshots/board.png and board-drawer.png (repository root);
// on failure ui/target/e2e/board-dnd.e2e-failure.png.
import { join } from 'node:path';
import { anyCard, cardIn, columnOf, keyboardMove, measuredDrag } from './cards.mjs';
import { audit, metric, script, shotsDir } from './lib.mjs';

const STEP_MS = 10_000;
const { log, run } = script('board-dnd.e2e', {
  required: ['BATON_URL', 'BATON_PROJECT_ID', 'BATON_DRAG_TITLE', 'BATON_TARGET_COLUMN'],
  timeoutMs: 60_000,
});

run(async ({ page, openPage, env, passed }) => {
  const base = env.BATON_URL.replace(/\/+$/, '');
  const dragTitle = env.BATON_DRAG_TITLE;
  const target = env.BATON_TARGET_COLUMN;
  const newTitle = env.BATON_NEW_TITLE || `Created in the dialog ${Date.now()}`;
  const url = `${base}/#/p/${encodeURIComponent(env.BATON_PROJECT_ID)}`;
  const other = await openPage('second window');

  // ---- 1. drag and drop ----
  log(`opening ${url} (twice)`);
  await Promise.all([page.goto(url, { waitUntil: 'domcontentloaded' }), other.goto(url, { waitUntil: 'domcontentloaded' })]);
  const card = anyCard(page, dragTitle).first();
  await card.waitFor({ state: 'visible', timeout: STEP_MS });
  await anyCard(other, dragTitle).first().waitFor({ state: 'visible', timeout: STEP_MS });
  // Both windows must be subscribed to the stream before the move.
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: STEP_MS });
  await other.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: STEP_MS });
  const from = await columnOf(page, dragTitle, STEP_MS);
  if (from === target) throw new Error(`card "${dragTitle}" is already in ${target}`);
  log(`card "${dragTitle}" is in ${from}; dragging it to ${target}`);
  // The window we drag in is the visible one (a background tab gets no animation frames).
  await page.bringToFront();

  const m = await measuredDrag(page, dragTitle, target, { timeout: STEP_MS });
  const toRender = m.rendered - m.drop;
  const toFrame = m.frame - m.drop;
  const toServer = m.moveEnd - m.drop;
  metric('drop_to_card_rendered', toRender);
  metric('drop_to_next_frame', toFrame, 'ms', `(card already in its new column at that frame: ${m.renderedBeforeFrame})`);
  metric('drop_to_server_answer', toServer);
  if (!m.renderedBeforeFrame) log('WARN the card was not yet in its new column at the first frame after the drop');
  if (toServer > 150) log(`WARN the server answered the move after ${toServer.toFixed(1)} ms (target 150 ms)`);
  const alert = await page.locator('[role=alert]').count();
  if (alert) throw new Error(`an alert is shown after the move: ${await page.locator('[role=alert]').first().innerText()}`);

  log('waiting for the second window to follow the move');
  await cardIn(other, target, dragTitle).waitFor({ state: 'visible', timeout: STEP_MS });

  // Projections are eventually consistent: reload until the board shows the move (at most STEP_MS).
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await anyCard(page, dragTitle).first().waitFor({ state: 'visible', timeout: STEP_MS });
    const now = await columnOf(page, dragTitle, STEP_MS);
    if (now === target) break;
    if (Date.now() > deadline) throw new Error(`after reload the card is in ${now}, expected ${target}`);
    await page.waitForTimeout(200);
  }
  log(`after reload the card is still in ${target}`);
  await audit(page, 'board');
  passed();

  // ---- 2. New Task dialog ----
  await page.getByRole('button', { name: 'New Task' }).click();
  const dialog = page.getByRole('dialog', { name: 'New task' });
  await dialog.waitFor({ timeout: STEP_MS });
  await dialog.getByLabel('Title').fill(newTitle);
  await dialog.getByLabel('Criterion 1').fill('It shows on the board');
  await dialog.getByLabel('Labels (comma separated)').fill('e2e, ui');
  await dialog.getByLabel('Priority').selectOption('1');
  await dialog.getByLabel('Column').selectOption('todo');
  await audit(page, 'New Task dialog');
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await dialog.waitFor({ state: 'detached', timeout: STEP_MS });
  await cardIn(page, 'todo', newTitle).waitFor({ state: 'visible', timeout: STEP_MS });
  log(`task "${newTitle}" created in the dialog is on the board in todo`);
  await cardIn(other, 'todo', newTitle).waitFor({ state: 'visible', timeout: STEP_MS });
  log('the second window shows it too');
  passed();

  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(shotsDir, 'board.png') });
  log(`screenshot saved to ${join(shotsDir, 'board.png')}`);

  // ---- 3. the drawer ----
  await cardIn(page, 'todo', newTitle).getByRole('link', { name: newTitle }).click();
  const drawer = page.getByRole('complementary', { name: newTitle });
  await drawer.waitFor({ timeout: STEP_MS });
  await drawer.getByText('It shows on the board').waitFor({ timeout: STEP_MS });
  if (!page.url().includes('task=')) throw new Error(`the drawer's URL does not name the task: ${page.url()}`);
  await page.screenshot({ path: join(shotsDir, 'board-drawer.png') });
  log('the task drawer shows the new task and its checklist');
  await audit(page, 'task drawer');
  passed();

  // ---- 4. the keyboard ----
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'detached', timeout: STEP_MS });
  log(`keyboard: ${await keyboardMove(page, newTitle, 'ArrowRight', 'In Progress', STEP_MS)}`);
  await cardIn(page, 'in_progress', newTitle).waitFor({ state: 'visible', timeout: STEP_MS });
  log(`keyboard: ${await keyboardMove(page, newTitle, 'ArrowLeft', 'To Do', STEP_MS)}`);
  await cardIn(page, 'todo', newTitle).waitFor({ state: 'visible', timeout: STEP_MS });
  passed();

  // ---- 5. New project dialog ----
  const repoPath = env.BATON_REPO_PATH;
  if (repoPath) {
    const projectName = env.BATON_NEW_PROJECT || `Made in the browser ${Date.now()}`;
    await page.getByRole('button', { name: 'New project' }).click();
    const form = page.getByRole('dialog', { name: 'New project' });
    await form.waitFor({ timeout: STEP_MS });
    await form.getByLabel('Name', { exact: true }).fill(projectName);
    await form.getByLabel('Vision').fill('Created from the New project dialog');
    await form.getByLabel('Local path', { exact: true }).fill('not/an/absolute/path');
    await form.getByLabel('Test command').fill('true');
    await form.getByRole('button', { name: 'Create project' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor({ timeout: STEP_MS });
    log(`a relative path is refused: ${await refusal.innerText()}`);
    if ((await form.getByLabel('Name', { exact: true }).inputValue()) !== projectName) throw new Error('the form lost its input after a refusal');
    await form.getByLabel('Local path', { exact: true }).fill(repoPath);
    await form.getByRole('button', { name: 'Create project' }).click();
    await form.waitFor({ state: 'detached', timeout: STEP_MS });
    await page.getByRole('heading', { level: 1, name: projectName, exact: true }).waitFor({ timeout: STEP_MS });
    await page.locator('main section[data-column-id]').first().waitFor({ timeout: STEP_MS });
    if (!/#\/p\/[^/?]+/.test(page.url())) throw new Error(`the new board's URL does not name a project: ${page.url()}`);
    await page
      .getByRole('navigation', { name: 'Projects' })
      .getByRole('link', { name: new RegExp(projectName) })
      .waitFor({ timeout: STEP_MS });
    log(`project "${projectName}" created in the dialog; its board is open at ${page.url()}`);
    passed();
  }
});
