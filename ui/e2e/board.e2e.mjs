#!/usr/bin/env node
// Browser end-to-end check of the Baton board, run against an already running
// Baton server (this script never starts one).
//
//   BATON_URL=http://127.0.0.1:12345 BATON_PROJECT_ID=<id> BATON_CARD_TITLE='<title>' \
//     node ui/e2e/board.e2e.mjs
//
// Environment:
//   BATON_URL              base URL of the running server (required)
//   BATON_PROJECT_ID       project to open via /?project=<id> (required)
//   BATON_CARD_TITLE       exact title of a card that must be on the board (required)
//   BATON_EXPECTED_COLUMN  optional: column name or id the card must be in
//   CHROMIUM_PATH          browser binary (default /usr/bin/chromium)
//   BATON_E2E_TIMEOUT_MS   how long to wait for the card (default 15000)
//
// Output: progress lines, then one closing line, "1 passed, 0 failed" (exit 0)
// or "0 passed, 1 failed" after a "FAIL ..." line with the reason (exit 1).
// A screenshot is saved to ui/target/e2e/board.png (board.e2e-failure.png on failure).
import { join } from 'node:path';
import { failureDir, script } from './lib.mjs';

const screenshotPath = join(failureDir, 'board.png');
const cardTimeoutMs = Number(process.env.BATON_E2E_TIMEOUT_MS) || 15_000;
const { log, run } = script('board.e2e', {
  required: ['BATON_URL', 'BATON_PROJECT_ID', 'BATON_CARD_TITLE'],
  // Hard ceiling for the whole run, so a stuck browser can never hang the caller.
  timeoutMs: cardTimeoutMs + 45_000,
});

/** Quote a string for an XPath literal. */
function xpathLiteral(s) {
  if (!s.includes("'")) return `'${s}'`;
  if (!s.includes('"')) return `"${s}"`;
  return `concat('${s.split("'").join(`', "'", '`)}')`;
}

run(async ({ page, env, passed }) => {
  const title = env.BATON_CARD_TITLE;
  const expectedColumn = env.BATON_EXPECTED_COLUMN || null;
  const url = `${env.BATON_URL.replace(/\/+$/, '')}/?project=${encodeURIComponent(env.BATON_PROJECT_ID)}`;

  log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: cardTimeoutMs });

  // The card: an <article> inside the board's <main> whose <h3> is exactly the title.
  const card = page
    .locator('main article')
    .filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) })
    .first();
  log(`waiting up to ${cardTimeoutMs} ms for card "${title}"`);
  try {
    await card.waitFor({ state: 'visible', timeout: cardTimeoutMs });
  } catch {
    const alert = await page.locator('[role=alert]').first().innerText({ timeout: 500 }).catch(() => null);
    const heading = await page.locator('main h1').first().textContent({ timeout: 500 }).catch(() => null);
    const shown = alert ? `; page shows error: ${alert.trim().replace(/\s*\n+\s*/g, ' | ')}` : heading ? `; board heading is "${heading.trim()}"` : '';
    throw new Error(`card "${title}" did not appear within ${cardTimeoutMs} ms${shown}`);
  }

  const heading = (await card.locator('h3').first().textContent())?.trim();
  if (heading !== title) throw new Error(`card heading is "${heading}", expected exactly "${title}"`);

  // The column <section aria-label="..."> that holds the card.
  const column = card.locator('xpath=ancestor::section[@aria-label][1]');
  if ((await column.count()) !== 1) throw new Error(`card "${title}" is not inside a column section`);
  const columnName = await column.getAttribute('aria-label');
  const columnId = await column.getAttribute('data-column-id');
  const columnHeading = (await column.locator('h2').first().textContent())?.trim();
  if (columnHeading !== columnName) {
    throw new Error(`column heading "${columnHeading}" does not match its aria-label "${columnName}"`);
  }
  // Cross-check from the column's side: that section really contains the card.
  const inColumn = page
    .locator(`main section[aria-label=${JSON.stringify(columnName)}] article`)
    .filter({ has: page.locator(`xpath=.//h3[normalize-space(.)=${xpathLiteral(title)}]`) });
  if ((await inColumn.count()) < 1) throw new Error(`column "${columnName}" does not list card "${title}"`);
  log(`card "${title}" is in column "${columnName}" (id ${columnId ?? '?'})`);

  if (expectedColumn && expectedColumn !== columnName && expectedColumn !== columnId) {
    throw new Error(`card "${title}" is in column "${columnName}" (${columnId}), expected "${expectedColumn}"`);
  }

  const boardTitle = (await page.locator('main h1').first().textContent())?.trim();
  log(`board heading: "${boardTitle}"`);

  await page.screenshot({ path: screenshotPath, fullPage: true });
  log(`screenshot saved to ${screenshotPath}`);
  passed();
});
