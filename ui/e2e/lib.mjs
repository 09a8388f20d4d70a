// What the browser end-to-end scripts share: the screenshot folders, Debian's Chromium through playwright-core,
// page logging, METRIC lines, the accessibility audit (axe-core), and the way a script ends ("N passed, 0 failed" and
// exit 0, or a FAIL line and exit 1).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const uiDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Screenshots referenced from the README. */
export const shotsDir = join(uiDir, '..', 'docs', 'screenshots');
/** Screenshots of failures. */
export const failureDir = join(uiDir, 'target', 'e2e');

/** Prints a figure as "METRIC <name> <value> <unit> [note]" (the launching JUnit test reads these lines). */
export const metric = (name, value, unit = 'ms', note = '') =>
  console.log(`METRIC ${name} ${typeof value === 'number' ? value.toFixed(1) : value} ${unit}${note ? ` ${note}` : ''}`);

/**
 * A script named `name`: `log` prints a progress line; `run(body)` checks the required environment variables,
 * launches the browser, runs `body({page, openPage, env, passed})` (`openPage(label)` opens another window of the
 * same browser context; the body counts what passed with `passed()`), and ends the process, within `timeoutMs`
 * overall. On failure the page is saved to `<failureDir>/<name>-failure.png`.
 */
export function script(name, { required = [], timeoutMs = 90_000, viewport = { width: 1440, height: 900 } } = {}) {
  let browser;
  let finished = false;
  let count = 0;
  const log = (line) => console.log(`[${name}] ${line}`);

  async function finish(ok, reason) {
    if (finished) return;
    finished = true;
    await Promise.race([browser?.close(), new Promise((r) => setTimeout(r, 5_000))]).catch(() => {});
    if (ok) {
      console.log(`${count} passed, 0 failed`);
      process.exit(0);
    }
    console.log(`FAIL ${name}: ${reason}`);
    console.log(`${count} passed, 1 failed`);
    process.exit(1);
  }

  /** Logs the page's console errors, uncaught errors and failed API calls, prefixed with `label`. */
  function watch(page, label) {
    const prefix = label ? `${label} ` : '';
    page.on('console', (msg) => msg.type() === 'error' && log(`${prefix}console error: ${msg.text()}`));
    page.on('pageerror', (err) => log(`${prefix}page error: ${err.message}`));
    page.on('response', (res) => res.status() >= 400 && res.url().includes('/api/') && log(`${prefix}HTTP ${res.status()} ${res.url()}`));
    return page;
  }

  async function run(body) {
    setTimeout(() => void finish(false, `timed out after ${timeoutMs} ms overall`), timeoutMs).unref();
    const missing = required.filter((k) => !process.env[k]);
    if (missing.length) return finish(false, `missing environment variable(s): ${missing.join(', ')}`);
    mkdirSync(shotsDir, { recursive: true });
    mkdirSync(failureDir, { recursive: true });
    let page;
    try {
      const { chromium } = await import('playwright-core');
      const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
      log(`launching ${executablePath}`);
      browser = await chromium.launch({
        executablePath,
        headless: true,
        timeout: 30_000,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
          '--disable-component-update', '--disable-sync'],
      });
      const context = await browser.newContext({ viewport });
      page = watch(await context.newPage());
      const openPage = async (label) => watch(await context.newPage(), label);
      await body({ page, openPage, env: process.env, passed: () => count++ });
      return finish(true);
    } catch (e) {
      await page?.screenshot({ path: join(failureDir, `${name}-failure.png`), fullPage: true, timeout: 5_000 }).catch(() => {});
      // Playwright appends a call log of several lines: it goes to the progress lines, not into the FAIL line.
      const [first, ...rest] = (e.message ?? String(e)).split('\n');
      for (const line of rest) if (line.trim()) log(line.replace(/\x1b\[[0-9;]*m/g, ''));
      return finish(false, first);
    }
  }

  return { log, run };
}

const axeScript = join(uiDir, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * Audits the whole page as it is now with axe-core's default rules (WCAG 2.x A and AA, and axe's best practices).
 * Each violation is printed (id, impact, the elements' selectors, help); a serious or critical one fails the script.
 * Nothing is left out (docs/accessibility.md); a third-party element the app cannot fix would be, by its exact selector
 * in the context's `exclude`, with the reason beside it.
 */
export async function audit(page, viewName) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeScript });
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const failing = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations) {
    console.log(`[a11y ${viewName}] ${failing.includes(v) ? 'VIOLATION' : 'note'} ${v.id} (${v.impact}): ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) console.log(`[a11y ${viewName}]   ${n.target.join(' ')}: ${n.failureSummary.replace(/\s*\n\s*/g, ' ')}`);
  }
  console.log(`[a11y ${viewName}] ${failing.length} serious or critical violation(s), ${violations.length - failing.length} other(s)`);
  if (failing.length) throw new Error(`accessibility of ${viewName}: ${failing.map((v) => v.id).join(', ')}`);
}
