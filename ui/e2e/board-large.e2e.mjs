#!/usr/bin/env node
// Browser measurements of a large board (2,000 cards), run against an already
// running Baton server that holds the project (this script never starts one):
//   1. load: navigation → the board rendered (every column present, the first
//      card of each non-empty column visible), and the main thread's long tasks
//      during the load (PerformanceObserver 'longtask');
//   2. drag a card to another column with the mouse: drop → card rendered in
//      its new column, drop → next frame, drop → the server's answer to
//      POST /tasks/{id}/move, and the long tasks of the drag;
//   3. scroll a long column (500 cards) to its end, programmatically, a step
//      per animation frame: the frames seen and the worst gap between two.
// Speed is measured here, never asserted: the figures are printed as
// "METRIC <name> <value> <unit>" lines (docs/performance.md reports them).
//
//   BATON_URL=http://127.0.0.1:12345 BATON_PROJECT_ID=<id> BATON_DRAG_TITLE='<title>' \
//     BATON_TARGET_COLUMN=in_progress BATON_SCROLL_COLUMN=backlog node ui/e2e/board-large.e2e.mjs
//
// Environment:
//   BATON_URL            base URL of the running server (required)
//   BATON_PROJECT_ID     the large project (required)
//   BATON_DRAG_TITLE     exact title of a card near the top of its column (required)
//   BATON_TARGET_COLUMN  id of the column to drop it in (required)
//   BATON_SCROLL_COLUMN  id of the long column to scroll (required)
//   BATON_CARD_COUNT     cards expected on the board (informational; default 2000)
//   CHROMIUM_PATH        browser binary (default /usr/bin/chromium)
//
// Output: progress lines, METRIC lines, then "3 passed, 0 failed" (exit 0), or
// a "FAIL ..." line (exit 1). Failure screenshot: ui/target/e2e/board-large.e2e-failure.png.
import { cardIn, columnOf, dragCard, measuredDrag } from './cards.mjs';
import { metric, script } from './lib.mjs';

const STEP_MS = 30_000;
const SCROLL_STEP_PX = 200;
const { log, run } = script('board-large.e2e', {
  required: ['BATON_URL', 'BATON_PROJECT_ID', 'BATON_DRAG_TITLE', 'BATON_TARGET_COLUMN', 'BATON_SCROLL_COLUMN'],
  timeoutMs: 150_000,
});

/** Installed before the app's scripts run: long tasks, and the moment the board is rendered. */
function instrument() {
  const m = (window.__batonLarge = { longtasks: [], rendered: undefined });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Event timing: for each slow input event, its handlers' time and the next paint.
  m.events = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      m.events.push({ name: e.name, start: e.startTime, processingStart: e.processingStart, processingEnd: e.processingEnd, end: e.startTime + e.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  const check = () => {
    const sections = [...document.querySelectorAll('main section[data-column-id]')];
    if (sections.length > 0) {
      const allShown = sections.every((s) => {
        const empty = s.querySelector('.empty-column');
        const card = s.querySelector('article[data-task-id]');
        if (empty) return true;
        if (!card) return false;
        const r = card.getBoundingClientRect();
        return r.height > 0 && r.top < window.innerHeight;
      });
      if (allShown) {
        m.rendered = performance.now();
        m.sections = sections.length;
        m.articles = document.querySelectorAll('main article[data-task-id]').length;
        return;
      }
    }
    requestAnimationFrame(check);
  };
  // Checked right after each frame's rendering work too (a MutationObserver fires before paint).
  new MutationObserver((_, observer) => {
    if (m.rendered !== undefined) return observer.disconnect();
    const sections = document.querySelectorAll('main section[data-column-id]');
    if (sections.length && [...sections].every((s) => s.querySelector('article[data-task-id], .empty-column'))) {
      m.domReady ??= performance.now();
    }
  }).observe(document, { subtree: true, childList: true });
  requestAnimationFrame(check);
}

const longStats = (tasks, from, to = Infinity) => {
  const within = tasks.filter((t) => t.start >= from && t.start < to);
  return {
    count: within.length,
    max: within.reduce((x, t) => Math.max(x, t.duration), 0),
    total: within.reduce((x, t) => x + t.duration, 0),
  };
};

run(async ({ page, env, passed }) => {
  const dragTitle = env.BATON_DRAG_TITLE;
  const target = env.BATON_TARGET_COLUMN;
  const scrollColumn = env.BATON_SCROLL_COLUMN;
  const expected = Number(env.BATON_CARD_COUNT || 2000);
  const url = `${env.BATON_URL.replace(/\/+$/, '')}/#/p/${encodeURIComponent(env.BATON_PROJECT_ID)}`;
  await page.addInitScript(instrument);

  // ---- 1. load ----
  // A first visit warms the server's caches and the browser's (a user opens the board more than once).
  log(`opening ${url} (warm-up)`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__batonLarge.rendered !== undefined, null, { timeout: STEP_MS });
  log('reloading it (measured)');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.__batonLarge.rendered !== undefined, null, { timeout: STEP_MS });
  await page.waitForTimeout(1_000); // long tasks right after the first render belong to the load too
  const load = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const board = performance.getEntriesByType('resource').find((e) => /\/board(\?|$)/.test(e.name));
    return {
      rendered: window.__batonLarge.rendered,
      domReady: window.__batonLarge.domReady,
      sections: window.__batonLarge.sections,
      articles: window.__batonLarge.articles,
      domContentLoaded: nav?.domContentLoadedEventEnd,
      boardResponse: board ? { start: board.startTime, end: board.responseEnd, size: board.decodedBodySize } : null,
      longtasks: window.__batonLarge.longtasks,
      counts: [...document.querySelectorAll('main section[data-column-id]')].map(
        (s) => `${s.getAttribute('data-column-id')}=${s.querySelector('.column-header .count')?.firstChild?.textContent}`,
      ),
    };
  });
  const total = load.counts.reduce((n, c) => n + Number(c.split('=')[1] || 0), 0);
  log(`board: ${load.sections} columns (${load.counts.join(', ')}; ${total} cards, ${expected} expected), ${load.articles} card elements in the DOM at first render`);
  if (total !== expected) log(`WARN the board counts ${total} cards, expected ${expected}`);
  const loadLong = longStats(load.longtasks, 0, load.rendered + 1_000);
  log(
    `long tasks during the load (start–end, ms since navigation): ${
      load.longtasks
        .filter((t) => t.start < load.rendered + 1_000)
        .map((t) => `${t.start.toFixed(0)}–${(t.start + t.duration).toFixed(0)}`)
        .join(', ') || 'none'
    }; board answer received at ${load.boardResponse ? load.boardResponse.end.toFixed(0) : '?'}, rendered at ${load.rendered.toFixed(0)}`,
  );
  metric('large_board_cards', total, 'cards');
  metric('large_board_dom_cards', load.articles, 'cards', '(card elements in the DOM at first render)');
  metric('large_board_dom_content_loaded', load.domContentLoaded);
  if (load.boardResponse) {
    metric('large_board_fetch', load.boardResponse.end - load.boardResponse.start, 'ms', `(GET /board, ${Math.round(load.boardResponse.size / 1024)} KiB)`);
    metric('large_board_response_to_rendered', load.rendered - load.boardResponse.end);
  }
  metric('large_board_navigation_to_rendered', load.rendered);
  metric('large_board_load_longest_task', loadLong.max, 'ms', `(${loadLong.count} long tasks, ${loadLong.total.toFixed(0)} ms in all)`);
  passed();

  // ---- 2. drag across columns ----
  const card = cardIn(page, await columnOf(page, dragTitle, STEP_MS), dragTitle).first();
  await card.waitFor({ state: 'visible', timeout: STEP_MS });
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: STEP_MS });
  const from = await columnOf(page, dragTitle, STEP_MS);
  if (from === target) throw new Error(`card "${dragTitle}" is already in ${target}`);
  log(`dragging "${dragTitle}" from ${from} to ${target}`);
  const drag = await measuredDrag(page, dragTitle, target, { dy: 70, settleMs: 100, timeout: STEP_MS });
  await page.waitForTimeout(1_000); // the board read again after the move, and its render
  const m = { ...drag, ...(await page.evaluate(() => ({ longtasks: window.__batonLarge.longtasks, events: window.__batonLarge.events }))) };
  const dragLong = longStats(m.longtasks, m.down, m.drop);
  const dropLong = longStats(m.longtasks, m.drop, m.drop + 1_000);
  metric('large_drop_to_card_rendered', m.rendered - m.drop);
  metric('large_drop_to_next_frame', m.frame - m.drop, 'ms', `(card already in its new column at that frame: ${m.renderedBeforeFrame})`);
  metric('large_drop_to_server_answer', m.moveEnd - m.drop);
  metric('large_drag_longest_task', dragLong.max, 'ms', `(${dragLong.count} long tasks between pointer down and drop)`);
  metric('large_after_drop_longest_task', dropLong.max, 'ms', `(${dropLong.count} long tasks in the second after the drop, ${dropLong.total.toFixed(0)} ms in all)`);
  const up = m.events.filter((e) => e.name === 'pointerup' && e.start >= m.drop - 50).pop();
  if (up) {
    metric('large_drop_event_handlers', up.processingEnd - up.processingStart, 'ms', '(event timing: the pointerup handlers)');
    metric('large_drop_event_to_next_paint', up.end - up.start, 'ms', '(event timing: pointerup → the next paint, 8 ms granularity)');
  } else {
    log('event timing: the pointerup took less than 16 ms to the next paint');
  }
  const alert = await page.locator('[role=alert]').count();
  if (alert) throw new Error(`an alert is shown after the move: ${await page.locator('[role=alert]').first().innerText()}`);

  // Where the drop's time goes: a second drag, under the CPU profiler (figures above are without it).
  await profileDrop(page, from, 'review');
  passed();

  // ---- 3. scroll a long column ----
  const scroll = await page.evaluate(async ({ column, stepPx }) => {
    const section = document.querySelector(`main section[data-column-id="${column}"]`);
    const count = Number(section.querySelector('.column-header .count')?.firstChild?.textContent);
    let el = section.querySelector('.cards');
    while (el && el !== document.body) {
      const style = getComputedStyle(el);
      if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight) break;
      el = el.parentElement;
    }
    const scroller = el && el !== document.body ? el : document.scrollingElement;
    const isWindow = scroller === document.scrollingElement;
    const startTop = isWindow ? 0 : scroller.scrollTop;
    // Read each frame: a virtualized list grows or shrinks as its cards are measured.
    const endOf = () =>
      isWindow
        ? Math.min(scroller.scrollHeight, section.getBoundingClientRect().bottom + window.scrollY) - window.innerHeight
        : scroller.scrollHeight - scroller.clientHeight;
    const m = window.__batonLarge;
    const longBefore = m.longtasks.length;
    const frames = [];
    const startedAt = performance.now();
    await new Promise((done) => {
      let top = startTop;
      const tick = (t) => {
        frames.push(t);
        const end = endOf();
        if (top >= end || performance.now() - startedAt > 20_000) return done();
        top = Math.min(end, top + stepPx);
        scroller.scrollTop = top;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // Two more frames: the work of the last step lands in them.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame((t) => (frames.push(t), r()))));
    const gaps = frames.slice(1).map((t, i) => t - frames[i]);
    const sorted = [...gaps].sort((a, b) => a - b);
    const lastCard = [...section.querySelectorAll('article[data-task-id]')].pop();
    const lastBox = lastCard?.getBoundingClientRect();
    const viewBox = isWindow ? { top: 0, bottom: window.innerHeight } : scroller.getBoundingClientRect();
    return {
      count,
      container: isWindow ? 'the page' : `the column (${scroller.className || scroller.tagName})`,
      distance: endOf() - startTop,
      frames: frames.length,
      duration: frames[frames.length - 1] - frames[0],
      worst: sorted[sorted.length - 1] ?? 0,
      p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
      median: sorted[Math.floor(sorted.length / 2)] ?? 0,
      over50: gaps.filter((g) => g > 50).length,
      long: m.longtasks.slice(longBefore).reduce((x, t) => Math.max(x, t.duration), 0),
      lastVisible: lastBox ? lastBox.bottom > viewBox.top && lastBox.top < viewBox.bottom : false,
      lastTitle: lastCard?.querySelector('h3')?.textContent?.trim() ?? '',
    };
  }, { column: scrollColumn, stepPx: SCROLL_STEP_PX });
  log(`scrolled ${scroll.count} cards of ${scrollColumn} (${Math.round(scroll.distance)} px, ${SCROLL_STEP_PX} px a frame, in ${scroll.container}) in ${scroll.frames} frames; the last card ("${scroll.lastTitle}") shown: ${scroll.lastVisible}`);
  if (!scroll.lastVisible) throw new Error(`after scrolling ${scrollColumn} to its end its last card is not in view`);
  metric('large_scroll_column_cards', scroll.count, 'cards');
  metric('large_scroll_duration', scroll.duration, 'ms', `(${scroll.frames} frames)`);
  metric('large_scroll_worst_frame_gap', scroll.worst);
  metric('large_scroll_p95_frame_gap', scroll.p95);
  metric('large_scroll_median_frame_gap', scroll.median);
  metric('large_scroll_frames_over_50ms', scroll.over50, 'frames');
  metric('large_scroll_longest_task', scroll.long);
  passed();
});

/** Drags the first card of `from` to `to` with the CPU profiler on around the drop; logs the top self times. */
async function profileDrop(page, from, to) {
  const first = page.locator(`main section[data-column-id=${JSON.stringify(from)}] article[data-task-id]`).first();
  const title = (await first.locator('h3').innerText()).trim();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await dragCard(page, first, to, { dy: 70, settleMs: 100, beforeDrop: () => cdp.send('Profiler.start') });
  // Nothing of the test runs in the page meanwhile (no polling): the profile holds the app's work only.
  await page.waitForTimeout(400);
  const { profile } = await cdp.send('Profiler.stop');
  await cardIn(page, to, title).waitFor({ state: 'visible', timeout: STEP_MS });
  await cdp.detach().catch(() => {});
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const busy = [...self].filter(([k]) => !/^\((idle|program|garbage collector)\)/.test(k));
  const total = busy.reduce((x, [, v]) => x + v, 0);
  log(`profile of a second drop ("${title}" ${from} → ${to}): ${total.toFixed(1)} ms of JavaScript in the ${(
    (profile.endTime - profile.startTime) / 1000
  ).toFixed(0)} ms profiled (GC ${(self.get('(garbage collector)') ?? 0).toFixed(1)} ms); top self times:`);
  for (const [k, v] of busy.sort((a, b) => b[1] - a[1]).slice(0, 12)) log(`  ${v.toFixed(1)} ms  ${k}`);
}
