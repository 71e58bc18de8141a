// In-page timing probe, injected into every document of the bench's browser context. It is plain
// JavaScript in a string on purpose: tsx compiles functions with esbuild's keepNames, which
// inserts `__name(...)` calls that do not exist in the page when a function is serialised for
// page.evaluate.
//
// The probe records (all in the page's performance.now() clock, 0 = navigation start):
// - firstRowsAt: when the grid's first data row has a visible, loaded cell;
// - for an armed wait: t0 at the triggering event (captured on window before React sees it),
//   dom at the first DOM mutation after which the expected state holds, paint one frame later.

/** What an armed wait expects to see; every given field must hold. */
export interface Expectation {
  /** Exact text of the grid's count (`output.count`), e.g. 「9,153 件」. */
  countText?: string;
  /** Text of the first row's 局名 cell. */
  firstOrg?: string;
  /** Text of the selected row's rank cell. */
  selectedRank?: string;
  /** aria-rowindex of the selected row (the header row is 1). */
  selectedRowIndex?: string;
}

export interface Trigger {
  /** 'input' for select / search box changes, 'keydown' for key presses on the grid. */
  event: 'input' | 'keydown';
  key?: string;
}

export interface WaitResult {
  /** Trigger → DOM holds the expected state (React committed). */
  domMs: number;
  /** Trigger → one animation frame later (the update has been painted). */
  paintMs: number;
  /** Trigger → start / end of the first request to the armed channel after it (resource timing). */
  apiStartMs: number | null;
  apiEndMs: number | null;
}

export const FIRST_ROW_CELL = '[role=row][aria-rowindex="2"] [role=gridcell]:not(.loading-cell)';

export const PROBE_SCRIPT = `(() => {
  if (window.__xpwBench) return;
  const FIRST_ROW_CELL = ${JSON.stringify(FIRST_ROW_CELL)};
  const text = (sel) => {
    const el = document.querySelector(sel);
    return el ? (el.textContent || '').trim() : null;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && (typeof el.checkVisibility !== 'function' || el.checkVisibility());
  };
  const holds = (x) =>
    (x.countText === undefined || text('output.count') === x.countText) &&
    (x.firstOrg === undefined || text('[role=row][aria-rowindex="2"] .col-organization') === x.firstOrg) &&
    (x.selectedRank === undefined || text('.grid-row.selected .col-rank') === x.selectedRank) &&
    (x.selectedRowIndex === undefined ||
      (document.querySelector('.grid-row.selected') || { getAttribute: () => null }).getAttribute('aria-rowindex') === x.selectedRowIndex);
  const state = { firstRowsAt: null, wait: null };
  // The first request to /api/<channel> started after t0 (resource timing).
  const apiAfter = (channel, t0) =>
    performance.getEntriesByType('resource').find((e) => e.name.includes('/api/' + channel) && e.startTime >= t0) || null;
  const check = () => {
    if (state.firstRowsAt === null) {
      const el = document.querySelector(FIRST_ROW_CELL);
      if (el && visible(el)) state.firstRowsAt = performance.now();
    }
    const w = state.wait;
    if (w && w.t0 !== null && w.dom === null && holds(w.expect)) {
      w.dom = performance.now();
      requestAnimationFrame(() => setTimeout(() => {
        clearTimeout(w.timer);
        state.wait = null;
        const api = w.channel ? apiAfter(w.channel, w.t0) : null;
        w.resolve({
          domMs: w.dom - w.t0,
          paintMs: performance.now() - w.t0,
          apiStartMs: api ? api.startTime - w.t0 : null,
          apiEndMs: api ? api.responseEnd - w.t0 : null,
        });
      }, 0));
    }
  };
  const onEvent = (e) => {
    const w = state.wait;
    if (!w || w.t0 !== null || e.type !== w.trigger.event) return;
    if (w.trigger.key !== undefined && e.key !== w.trigger.key) return;
    w.t0 = performance.now();
  };
  // In-flight API requests, so the bench can wait for the page to settle between samples.
  let inflight = 0;
  let lastActivity = performance.now();
  const fetch0 = window.fetch.bind(window);
  window.fetch = (...args) => {
    inflight++;
    lastActivity = performance.now();
    return fetch0(...args).finally(() => { inflight--; lastActivity = performance.now(); });
  };
  if (typeof performance.setResourceTimingBufferSize === 'function') performance.setResourceTimingBufferSize(100000);
  window.addEventListener('input', onEvent, true);
  window.addEventListener('keydown', onEvent, true);
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  window.__xpwBench = {
    firstRowsAt: () => state.firstRowsAt,
    /** Resolves once no API request has been in flight for quietMs. */
    idle(quietMs) {
      return new Promise((resolve) => {
        const tick = () => (inflight === 0 && performance.now() - lastActivity >= quietMs ? resolve(true) : setTimeout(tick, 10));
        tick();
      });
    },
    /** Intervals between animation frames over durationMs (how often this headless page paints). */
    frameIntervals(durationMs) {
      return new Promise((resolve) => {
        const out = [];
        let last = null;
        const end = performance.now() + durationMs;
        const frame = (t) => {
          if (last !== null) out.push(t - last);
          last = t;
          if (performance.now() < end) requestAnimationFrame(frame);
          else resolve(out);
        };
        requestAnimationFrame(frame);
      });
    },
    /** Resolves true once the expectation holds (polled), false after timeoutMs. */
    until(expect, timeoutMs) {
      const end = performance.now() + timeoutMs;
      return new Promise((resolve) => {
        const tick = () => (holds(expect) ? resolve(true) : performance.now() > end ? resolve(false) : setTimeout(tick, 5));
        tick();
      });
    },
    /** Arms a wait; throws if the expected state already holds (it would measure nothing). */
    arm(trigger, expect, timeoutMs, channel) {
      if (state.wait) throw new Error('a wait is already armed');
      if (holds(expect)) throw new Error('expected state already holds before the trigger: ' + JSON.stringify(expect));
      let resolve;
      const done = new Promise((r) => { resolve = r; });
      const w = { trigger, expect, channel, t0: null, dom: null, resolve, timer: 0 };
      w.timer = setTimeout(() => {
        state.wait = null;
        resolve({ timeout: true, t0: w.t0, count: text('output.count'), firstOrg: text('[role=row][aria-rowindex="2"] .col-organization'), selectedRank: text('.grid-row.selected .col-rank') });
      }, timeoutMs);
      state.wait = w;
      window.__xpwBenchDone = done;
    },
  };
})();`;
