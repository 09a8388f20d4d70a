// The board's cards in the browser, for the board scripts: a card by its title, the column it is in, and a drag with
// the mouse to another column, measured with the page's performance API.

/** The cards titled `title` in the column `columnId`. */
export const cardIn = (page, columnId, title) =>
  page
    .locator(`main section[data-column-id=${JSON.stringify(columnId)}] article[data-task-id]`)
    .filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });

/** The cards titled `title`, in any column. */
export const anyCard = (page, title) =>
  page.locator('main article[data-task-id]').filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });

/** The id of the column the first card titled `title` is in. */
export const columnOf = (page, title, timeout) =>
  anyCard(page, title).first().locator('xpath=ancestor::section[@data-column-id][1]').getAttribute('data-column-id', { timeout });

/**
 * Presses the mouse on `card`, moves it into the column `columnId` (`dy` px below the column's top), waits `settleMs`
 * and `beforeDrop()`, and drops it.
 */
export async function dragCard(page, card, columnId, { dy = 60, settleMs = 50, beforeDrop = async () => {} } = {}) {
  const box = await card.boundingBox();
  const dest = await page.locator(`main section[data-column-id=${JSON.stringify(columnId)}]`).boundingBox();
  if (!box || !dest) throw new Error('cannot measure the card or the target column');
  const sx = box.x + box.width / 2;
  const sy = box.y + Math.min(box.height / 2, 20);
  await page.mouse.move(sx, sy);
  await page.mouse.down();
  await page.mouse.move(sx + 12, sy + 4, { steps: 3 });
  await page.mouse.move(dest.x + dest.width / 2, dest.y + dy, { steps: 12 });
  await page.waitForTimeout(settleMs);
  await beforeDrop();
  await page.mouse.up();
}

/**
 * Moves the card titled `title` with the keyboard, as docs/accessibility.md tells: Space on its Move button picks it
 * up, `key` (an arrow, pressed up to three times) takes it over the column named `columnName`, Space drops it there.
 * Each step waits for what the board announces to screen readers; answers the last announcement.
 */
export async function keyboardMove(page, title, key, columnName, timeout) {
  const announcement = (text) => page.locator('[id^=DndLiveRegion]').filter({ hasText: text });
  const handle = page.getByRole('button', { name: `Move ${title}`, exact: true });
  await handle.focus({ timeout });
  await handle.press('Space');
  // "Picked up …" is followed at once by "… is over <itself>": the card is held.
  await announcement(`${title} is over`).waitFor({ state: 'attached', timeout });
  // An arrow may first stop over the card's own column (ArrowLeft does), as a user hears: press again.
  const over = announcement(new RegExp(`is over .* in ${columnName}\\.`));
  for (let presses = 1; ; presses++) {
    await page.keyboard.press(key);
    const arrived = await over.waitFor({ state: 'attached', timeout: 1_000 }).then(() => true, () => false);
    if (arrived) break;
    if (presses === 3) throw new Error(`${key} three times did not take "${title}" over ${columnName}`);
  }
  await page.keyboard.press('Space');
  const dropped = `${title} was dropped in ${columnName}.`;
  await announcement(dropped).waitFor({ state: 'attached', timeout });
  return dropped;
}

/**
 * Drags the card titled `title` into the column `columnId` (options as `dragCard`) and waits until it shows there
 * and the server has answered the move. Answers the times, from the page's clock (ms): `down` (pointer down), `drop`
 * (pointer up), `rendered` (the card in its new column), `frame` (the first frame after the drop, and
 * `renderedBeforeFrame`: whether the card was there by then), `moveEnd` (the answer to POST /tasks/{id}/move).
 */
export async function measuredDrag(page, title, columnId, { timeout, ...options }) {
  await page.evaluate(
    ({ title, column }) => {
      const m = (window.__batonDrag = {});
      const inTarget = () =>
        [...document.querySelectorAll(`main section[data-column-id="${column}"] article[data-task-id] h3`)].some(
          (h) => h.textContent.trim() === title,
        );
      new MutationObserver(() => {
        if (m.drop !== undefined && m.rendered === undefined && inTarget()) m.rendered = performance.now();
      }).observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true });
      document.addEventListener('pointerdown', () => (m.down = performance.now()), { capture: true, once: true });
      document.addEventListener(
        'pointerup',
        () => {
          m.drop = performance.now();
          requestAnimationFrame(() => {
            m.frame = performance.now();
            m.renderedBeforeFrame = inTarget();
          });
        },
        { capture: true, once: true },
      );
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.name.endsWith('/move')) m.moveEnd = e.responseEnd;
      }).observe({ type: 'resource' });
    },
    { title, column: columnId },
  );
  await dragCard(page, anyCard(page, title).first(), columnId, options);
  await cardIn(page, columnId, title).waitFor({ state: 'visible', timeout });
  await page.waitForFunction(() => window.__batonDrag.moveEnd !== undefined, null, { timeout });
  return page.evaluate(() => window.__batonDrag);
}
