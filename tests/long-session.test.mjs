// A long session in headless Chromium: a seeded pseudo-random walk of 10 000 user actions
// over every control of the page (the three figures' fields, sliders, selects, compare
// checkboxes, playback, clicks, hovers, arrow keys and wheel zoom on the surface), with valid,
// invalid, unicode, empty and absurd values. At the end: no console error or uncaught
// exception, the fatal banner still hidden, every figure still drawn, the page still answers
// a known input with the article's numbers, and the wasm memory stopped growing.
//
// Deterministic: the walk is generated in Node from a seed (DESCENT_SEED, default below) and
// printed, and playback runs on a fake interval that ticks once per action rather than on the
// wall clock; a failure names the seed and the action where each kind of error first appeared.
// The actions are data ({ kind, ... }) run in batches inside one `page.evaluate` each, with a
// few real playwright mouse actions between batches.
//
// Iteration counts stay at most 2000 here (100 000-step runs are the hostile test's subject;
// at that size each action takes about a second, which would not fit 10 000 actions).

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { saveScreenshot } from './support/browser.mjs';
import { openExplorer } from './support/explorer.mjs';
import { openQuietExplorer, startSuite } from './support/suite.mjs';

/** The walk's seed: $DESCENT_SEED or a fixed default, so every run repeats the same walk. */
const SEED = Number(process.env.DESCENT_SEED ?? 20_261_128) >>> 0;
/** Number of user actions. */
const ACTIONS = 10_000;
/** Actions per `page.evaluate`. */
const BATCH = 250;
/** After how many actions the wasm memory is sampled. */
const SAMPLES = [1_000, 5_000, 10_000];
/** How much the memory may still grow between the last two samples (bytes). */
const MEMORY_SLACK = 1 << 20;

/** mulberry32: a small, fast, seeded 32-bit PRNG; returns floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID_FUNCTIONS = [
  '3*w1^2 + 10*w2^2',
  '(1-w1)^2 + 100*(w2-w1^2)^2',
  '(w1^2 + w2 - 11)^2 + (w1 + w2^2 - 7)^2',
  'sin(w1) + cos(w2)',
  'w1^2 - w2^2',
  '1 - exp(-(w1^2 + w2^2)/4)',
  'abs(w1) + abs(w2)',
  'max(w1, w2)^2 + 0.1*min(w1, w2)^2',
  'sqrt(w1^2 + w2^2 + 1)',
  'atan2(w2, w1) + w1^2/100',
  'tanh(w1) * tanh(w2)',
  'floor(w1) + w2^2',
  'w1 % 3 + w2^2',
  'pi*w1^2 + e*w2^2',
  '  w1 * w2  ',
  '0',
  '1/(w1-w1)',
  'ln(w1 - 100)',
  'exp(exp(w1^2))',
  'sqrt(-1) + w1',
  '1e308*w1^2*w2^2',
];
const INVALID_FUNCTIONS = [
  '',
  '   ',
  '3*w1^2 +',
  '((w1)',
  'w1)',
  'foo(w1)',
  'x + y',
  'w₁² + w₂²',
  '3·w1² + 10·w2²',
  'ω1 + w2',
  '😀',
  'w1 ** 2',
  'sin()',
  'atan2(w1)',
  'max()',
  '<img src=x onerror=window.__pwned=1>',
  '"><script>window.__pwned=1</script>',
  '\u0000w1',
  'w1\u202e + w2',
  '1e999999 * w1',
  `${'('.repeat(200)}w1${')'.repeat(200)}`,
  '2^3^4^5^6^7^8^9',
];
const TYPED_CHARACTERS = ['w', '1', '2', '^', '*', '+', '-', '(', ')', ' ', '.', 'e', 's', 'é', '∑', '√'];
const NUMBER_TEXTS = [
  '0', '1', '0.5', '0.9', '0.99', '0.999', '1e-8', '1e-3', '0.05', '2', '10', '-1', '-0', 'NaN', 'nan', 'inf',
  '-inf', 'Infinity', '1e300', '-1e300', '1e-300', '1e9', '', ' ', 'abc', '١', '0x10', '1,5', '.5', '5.',
  '<img src=x onerror=window.__pwned=1>',
];
const STEPS_TEXTS = [
  '0', '1', '2', '10', '50', '300', '1000', '2000', ' 300 ', '100001', '1e9', '1000000000', '-1', 'NaN', '3.5',
  '1e3', '', 'abc', '٣٠٠', '18446744073709551616',
];
const STARTS = ['-15,20', '0,0', '1,1', ' 3 , -4 ', '1e300,1e300', 'NaN,1', '1', '', '1,2,3', 'a,b', '−15,20'];
const PARAMS = [
  'lr=0.05, beta=0.9, eps=1e-8', 'lr=0.001', 'lr=0.5, eps=1e-8', 'lr=0.001, alpha=0.9', '', 'lr=-1', 'beta=2',
  'lr=NaN', 'alpha=0.9', 'beta1=0.9, beta2=0.999', 'lr', '=', ',,,', 'lr=1e300', 'foo=1', 'lr=0.1, lr=0.2',
];
const BETAS = ['0, 0.5, 0.9, 0.99', '0', '0.9', '0,0.1,0.2,0.3,0.4,0.5,0.6,0.7', '', '0, 2', 'a', '-1', '1', '0,,0.5'];
const PRESETS = ['article', 'rosenbrock', 'himmelblau', 'beale', 'saddle', 'plateau', 'waves', 'nonexistent'];
const OPTIMIZERS = ['gd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'sgd'];
const COMPARED = ['gd', 'momentum', 'adagrad', 'rmsprop', 'adam'];

/** The walk: `count` actions drawn from `random`, as plain data. */
function plan(random, count) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const point = () => ({ fx: random() * 1.1 - 0.05, fy: random() * 1.1 - 0.05 });
  const kinds = [
    // [weight, make]
    [5, () => ({ kind: 'input', selector: '#function', value: pick(VALID_FUNCTIONS) })],
    [4, () => ({ kind: 'input', selector: '#function', value: pick(INVALID_FUNCTIONS) })],
    [4, () => ({ kind: 'type', selector: '#function', char: random() < 0.4 ? null : pick(TYPED_CHARACTERS) })],
    [14, () => ({ kind: 'input', selector: pick(['#lr-slider', '#beta-slider', '#alpha-slider', '#beta1-slider', '#beta2-slider', '#eps-slider']), value: String(int(0, 1000)) })],
    [5, () => ({ kind: 'input', selector: '#steps-slider', value: String(int(0, 1000)) })],
    [8, () => ({ kind: 'input', selector: pick(['#lr', '#alpha', '#beta', '#beta1', '#beta2', '#eps']), value: pick(NUMBER_TEXTS) })],
    [4, () => ({ kind: 'input', selector: '#steps', value: pick(STEPS_TEXTS) })],
    [8, () => ({ kind: 'surface-click', ...point() })],
    [4, () => ({ kind: 'surface-hover', ...point() })],
    [2, () => ({ kind: 'surface-key', key: pick(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'a']), shift: random() < 0.3 })],
    [1, () => ({ kind: 'surface-wheel', ...point(), deltaY: pick([-500, -100, -3, 3, 100, 500, 1e6]) })],
    [2, () => ({ kind: 'select', selector: '#preset', value: pick(PRESETS) })],
    [3, () => ({ kind: 'select', selector: '#optimizer', value: pick(OPTIMIZERS) })],
    [2, () => ({ kind: 'toggle', selector: '#compare' })],
    [3, () => ({ kind: 'toggle', selector: `#compare-${pick(COMPARED)}` })],
    [1, () => ({ kind: 'toggle', selector: '#log-scale' })],
    [1, () => ({ kind: 'click', selector: '#reset-view' })],
    [2, () => ({ kind: 'click', selector: '#play' })],
    [3, () => ({ kind: 'click', selector: pick(['#step-forward', '#step-back']) })],
    [3, () => ({ kind: 'scrub', fraction: random() * 1.2 - 0.1 })],
    [1, () => ({ kind: 'select', selector: '#speed', value: pick(['5', '20', '60', '200']) })],
    [2, () => ({ kind: 'course', ...point(), click: random() < 0.5 })],
    [3, () => ({ kind: 'input', selector: '#steps-function', value: pick([...VALID_FUNCTIONS, ...INVALID_FUNCTIONS]) })],
    [2, () => ({ kind: 'input', selector: '#steps-start', value: pick(STARTS) })],
    [3, () => ({ kind: 'input', selector: '#steps-count', value: String(int(1, 10)) })],
    [2, () => ({ kind: 'select', selector: pick(['#steps-a-optimizer', '#steps-b-optimizer']), value: pick(OPTIMIZERS) })],
    [3, () => ({ kind: 'input', selector: pick(['#steps-a-params', '#steps-b-params']), value: pick(PARAMS) })],
    [2, () => ({ kind: 'hover', selector: pick(['#first-steps', '#amplification']), ...point() })],
    [2, () => ({ kind: 'input', selector: '#amp-beta-slider', value: String(int(0, 1000)) })],
    [1, () => ({ kind: 'input', selector: '#amp-betas', value: pick(BETAS) })],
    [1, () => ({ kind: 'input', selector: pick(['#amp-lr', '#amp-eps', '#amp-range']), value: pick(NUMBER_TEXTS) })],
    // Sharing: copy a link, open and close the embed dialog, dismiss a notice (where present).
    [1, () => ({ kind: 'click', selector: pick(['#copy-link-steps', '#copy-link-trajectory', '#copy-link-amplification']) })],
    [1, () => ({ kind: 'click', selector: pick(['#embed-steps', '#embed-trajectory', '#embed-amplification', '#embed-close', '#embed-close', '#notice-close']) })],
  ];
  const total = kinds.reduce((sum, [w]) => sum + w, 0);
  const actions = [];
  for (let i = 0; i < count; i += 1) {
    // Every 100th action is a real mouse action through playwright (outside page.evaluate).
    if (i % 100 === 99) {
      actions.push({ kind: random() < 0.5 ? 'mouse-click' : 'mouse-move', ...point() });
      continue;
    }
    let r = random() * total;
    const [, make] = kinds.find(([w]) => (r -= w) < 0) ?? kinds[kinds.length - 1];
    actions.push(make());
  }
  return actions.map((action, index) => ({ index, ...action }));
}

/** Runs a batch of actions in the page (serialised into `page.evaluate`). */
function runBatch(actions) {
  const fire = (el, type, init = {}) => el.dispatchEvent(new Event(type, { bubbles: true, ...init }));
  const at = (el, fx, fy) => {
    const r = el.getBoundingClientRect();
    return { clientX: r.left + fx * r.width, clientY: r.top + fy * r.height, bubbles: true, cancelable: true };
  };
  const timings = {};
  for (const action of actions) {
    window.__actionIndex = action.index;
    const started = performance.now();
    const el = action.selector ? document.querySelector(action.selector) : null;
    switch (action.kind) {
      case 'input':
        el.value = action.value;
        fire(el, 'input');
        if (el.type === 'range') fire(el, 'change');
        break;
      case 'type':
        el.value = action.char === null ? el.value.slice(0, -1) : el.value + action.char;
        fire(el, 'input');
        break;
      case 'select':
        el.value = action.value;
        fire(el, 'change');
        break;
      case 'toggle':
        // What a user can reach: the compared checkboxes only while their fieldset shows.
        if (el.closest('[hidden]')) document.getElementById('compare').click();
        else el.click();
        break;
      case 'click':
        el?.click(); // a control the page may not have (yet) is skipped
        break;
      case 'scrub': {
        const scrubber = document.getElementById('scrubber');
        scrubber.value = String(Math.round(action.fraction * Number(scrubber.max)));
        fire(scrubber, 'input');
        break;
      }
      case 'surface-click': {
        const surface = document.getElementById('surface');
        surface.dispatchEvent(new MouseEvent('click', at(surface, action.fx, action.fy)));
        break;
      }
      case 'surface-hover': {
        const surface = document.getElementById('surface');
        surface.dispatchEvent(new PointerEvent('pointermove', at(surface, action.fx, action.fy)));
        if (action.fx > 1) surface.dispatchEvent(new PointerEvent('pointerleave', at(surface, action.fx, action.fy)));
        break;
      }
      case 'surface-key': {
        const surface = document.getElementById('surface');
        surface.focus();
        surface.dispatchEvent(
          new KeyboardEvent('keydown', { key: action.key, shiftKey: action.shift, bubbles: true, cancelable: true }),
        );
        break;
      }
      case 'surface-wheel': {
        const surface = document.getElementById('surface');
        surface.focus();
        surface.dispatchEvent(new WheelEvent('wheel', { ...at(surface, action.fx, action.fy), deltaY: action.deltaY }));
        break;
      }
      case 'course': {
        const course = document.getElementById('course');
        course.dispatchEvent(new PointerEvent('pointermove', at(course, action.fx, action.fy)));
        if (action.click) course.dispatchEvent(new MouseEvent('click', at(course, action.fx, action.fy)));
        else course.dispatchEvent(new PointerEvent('pointerleave', at(course, action.fx, action.fy)));
        break;
      }
      case 'hover':
        el.dispatchEvent(new PointerEvent('pointermove', at(el, action.fx, action.fy)));
        el.dispatchEvent(new MouseEvent('mousemove', at(el, action.fx, action.fy)));
        break;
      default:
        throw new Error(`unknown action ${action.kind}`);
    }
    for (const tick of [...window.__intervals.values()]) tick();
    const key = `${action.kind} ${action.selector ?? ''}`.trim();
    const spent = performance.now() - started;
    const entry = (timings[key] ??= { count: 0, total: 0, max: 0 });
    entry.count += 1;
    entry.total += spent;
    entry.max = Math.max(entry.max, spent);
  }
  return {
    timings,
    fatalHidden: document.getElementById('fatal').hidden,
    pwned: window.__pwned,
    injected: document.querySelectorAll('main img, main script, #descent-app img').length,
  };
}

describe('a long session', () => {
  const suite = startSuite({ open: openQuietExplorer });
  let view;
  let page;
  /** What the walk recorded, for the tests after it. */
  let walk = null;

  before(async () => {
    view = suite.shared;
    page = view.page;
    // Note which action each console error came from (the wasm glue looks `console.error` up
    // at call time); playwright's view.errors stays the record the test asserts on.
    await page.evaluate(() => {
      window.__errorsAt = [];
      const original = console.error;
      console.error = function (...args) {
        window.__errorsAt.push({ index: window.__actionIndex ?? null, text: args.map(String).join(' ').slice(0, 300) });
        return original.apply(this, args);
      };
      window.addEventListener('error', (event) =>
        window.__errorsAt.push({ index: window.__actionIndex ?? null, text: `uncaught: ${event.message}` }),
      );
      // A deterministic clock for playback (the page's only interval): each action is one
      // tick, whatever the wall-clock time between batches.
      window.__intervals = new Map();
      let next = 1;
      window.setInterval = (callback) => {
        window.__intervals.set(next, callback);
        return next++;
      };
      window.clearInterval = (id) => window.__intervals.delete(id);
    });
  });

  /** The wasm instance's memory: the module's default export (its init) returns the wasm
   * exports once initialised, and `window.descent` is that module's namespace. */
  const wasmMemoryBytes = () =>
    page.evaluate(async () => {
      const exports = await window.descent.default();
      return exports?.memory instanceof WebAssembly.Memory ? exports.memory.buffer.byteLength : null;
    });

  /** Moves the real mouse over #surface at fractions (fx, fy) of its box, clicking or not. */
  async function mouseAction(action) {
    const surface = page.locator('#surface');
    await surface.scrollIntoViewIfNeeded();
    const { x, y, width, height } = await surface.boundingBox();
    const clamp = (f) => Math.min(Math.max(f, 0), 0.99);
    const [px, py] = [x + clamp(action.fx) * width, y + clamp(action.fy) * height];
    if (action.kind === 'mouse-click') await page.mouse.click(px, py);
    else await page.mouse.move(px, py, { steps: 3 });
  }

  test(`the walk: ${ACTIONS} seeded random actions (seed ${SEED})`, { timeout: 240_000 }, async () => {
    console.log(`seed ${SEED} (set DESCENT_SEED to repeat or vary the walk)`);
    const actions = plan(mulberry32(SEED), ACTIONS);
    const baseline = await wasmMemoryBytes();
    console.log(`wasm memory at start: ${baseline} bytes`);
    walk = { actions, baseline, memory: {}, firstError: null, firstFatal: null, injected: 0 };
    const timings = {};
    let done = 0;
    const started = Date.now();
    while (done < ACTIONS) {
      let batch;
      let result = null;
      if (actions[done].kind.startsWith('mouse-')) {
        batch = [actions[done]];
        await mouseAction(actions[done]);
      } else {
        // Up to the next real-mouse action, memory sample or batch end.
        let end = Math.min(done + BATCH, ACTIONS);
        const mouse = actions.findIndex((a, i) => i >= done && i < end && a.kind.startsWith('mouse-'));
        if (mouse !== -1) end = mouse;
        end = SAMPLES.find((s) => s > done && s < end) ?? end;
        batch = actions.slice(done, end);
        result = await page.evaluate(runBatch, batch);
        for (const [key, t] of Object.entries(result.timings)) {
          const entry = (timings[key] ??= { count: 0, total: 0, max: 0 });
          entry.count += t.count;
          entry.total += t.total;
          entry.max = Math.max(entry.max, t.max);
        }
        walk.injected = Math.max(walk.injected, result.injected);
      }
      const from = done;
      done += batch.length;
      if (walk.firstError === null && view.errors.length > 0) walk.firstError = { from, to: done };
      if (walk.firstFatal === null && result && !result.fatalHidden) {
        walk.firstFatal = { from, to: done, text: await page.textContent('#fatal') };
      }
      if (SAMPLES.includes(done)) {
        walk.memory[done] = await wasmMemoryBytes();
        console.log(
          `after ${done} actions (${((Date.now() - started) / 1000).toFixed(1)} s): wasm memory ${walk.memory[done]} bytes`,
        );
      }
    }
    console.log(`${ACTIONS} actions in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const lines = Object.entries(timings)
      .map(([key, t]) => `${key}: ${t.count}x, mean ${(t.total / t.count).toFixed(1)} ms, max ${t.max.toFixed(0)} ms`)
      .sort();
    console.log(`time per action kind (in the page):\n  ${lines.join('\n  ')}`);
    await saveScreenshot(page, 'long-session.png');
    // The same seed must end in the same state: print a fingerprint to compare runs.
    const fingerprint = await page.evaluate(() => {
      let h = 2166136261;
      const mix = (text) => {
        for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
      };
      for (const run of window.descent.appTrajectories()) mix(`${run.optimizer}:${run.w1.join()}:${run.w2.join()}`);
      mix(String(window.descent.playbackPosition()));
      for (const id of ['status', 'function', 'steps-function', 'amp-betas', 'start', 'position']) {
        const el = document.getElementById(id);
        mix(el.value ?? el.textContent);
      }
      return (h >>> 0).toString(16);
    });
    console.log(`final state fingerprint (seed ${SEED}): ${fingerprint}`);
    assert.equal(done, ACTIONS);
  });

  test('no console error and no uncaught exception during the walk', async () => {
    assert.ok(walk, 'the walk ran');
    // Each distinct error (numbers folded) with the action that caused it and the ten before.
    const errorsAt = await page.evaluate(() => window.__errorsAt);
    const distinct = new Map();
    for (const e of errorsAt) {
      const key = e.text.replace(/-?\d[\d.e+-]*/g, 'N');
      if (!distinct.has(key)) distinct.set(key, { ...e, count: 0 });
      distinct.get(key).count += 1;
    }
    const report = [...distinct.values()].map((e) => {
      const context = e.index === null ? [] : walk.actions.slice(Math.max(0, e.index - 10), e.index + 1);
      return (
        `${e.count}x, first at action ${e.index}: ${e.text.slice(0, 200)}\n` +
        context.map((a) => `    ${a.index === e.index ? '=>' : '  '} ${JSON.stringify(a)}`).join('\n')
      );
    });
    if (report.length > 0) console.log(`errors by cause (seed ${SEED}):\n${report.join('\n')}`);
    assert.deepEqual(
      view.errors.map((e) => e.slice(0, 300)),
      [],
      `seed ${SEED}: ${view.errors.length} console/page errors, the first in actions ` +
        `${walk.firstError?.from}..${walk.firstError?.to}; causes:\n${report.join('\n')}`,
    );
  });

  test('#fatal stays hidden and no typed markup ran', async () => {
    assert.ok(walk, 'the walk ran');
    assert.equal(walk.firstFatal, null, walk.firstFatal && `#fatal shown after actions ${walk.firstFatal.from}..${walk.firstFatal.to}: ${walk.firstFatal.text}`);
    assert.equal(await page.isHidden('#fatal'), true);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(walk.injected, 0, 'no <img> or <script> appeared in the app');
  });

  test("the page still answers the article's example with the article's numbers", async () => {
    assert.ok(walk, 'the walk ran');
    const final = await page.evaluate(() => {
      const set = (id, value, type = 'input') => {
        const el = document.getElementById(id);
        el.value = value;
        el.dispatchEvent(new Event(type, { bubbles: true }));
      };
      if (document.getElementById('play').getAttribute('aria-pressed') === 'true') document.getElementById('play').click();
      if (document.getElementById('compare').checked) document.getElementById('compare').click();
      set('optimizer', 'rmsprop', 'change');
      set('lr', '0.05');
      set('beta', '0.9');
      set('eps', '1e-8');
      set('steps', '300');
      set('preset', 'article', 'change');
      set('amp-betas', '0, 0.5, 0.9, 0.99');
      set('amp-lr', '1');
      set('amp-eps', '1e-8');
      set('amp-range', '4');
      const t = window.descent.appTrajectory();
      const raster = document.getElementById('surface-raster');
      const data = raster.getContext('2d').getImageData(0, 0, raster.width, raster.height).data;
      let opaque = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] === 255) opaque += 1;
      return {
        runs: window.descent.appTrajectories().length,
        start: [t.w1[0], t.w2[0]],
        w1: t.w1[1],
        w2: t.w2[1],
        length: t.w1.length,
        status: document.getElementById('status').textContent,
        betas: window.descent.amplificationFrames().map((f) => f.beta),
        opaqueShare: opaque / (data.length / 4),
      };
    });
    console.log(`final state: ${JSON.stringify(final)}`);
    assert.equal(final.runs, 1);
    assert.deepEqual(final.start, [-15, 20]);
    assert.ok(Math.abs(final.w1 + 14.84) < 0.005, `w1(1) = ${final.w1}`);
    assert.ok(Math.abs(final.w2 - 19.84) < 0.005, `w2(1) = ${final.w2}`);
    assert.equal(final.length, 301);
    assert.match(final.status, /^RMSProp from \(-15, 20\): 300 steps, ending at /);
    assert.deepEqual(final.betas, [0, 0.5, 0.9, 0.99]);
    assert.ok(final.opaqueShare > 0.3, `the surface raster is drawn (${(100 * final.opaqueShare).toFixed(0)} % opaque)`);
  });

  test('the wasm memory stops growing', async () => {
    assert.ok(walk, 'the walk ran');
    assert.equal(typeof walk.baseline, 'number', 'the wasm memory is readable through window.descent.default()');
    const figures = SAMPLES.map((s) => `${s}: ${walk.memory[s]}`).join(', ');
    console.log(`wasm memory (bytes): start ${walk.baseline}, ${figures}`);
    // Wasm memory never shrinks; once the walk has seen its largest states it must stay put.
    const [, mid, last] = SAMPLES.map((s) => walk.memory[s]);
    assert.ok(
      last - mid <= MEMORY_SLACK,
      `wasm memory still grows: ${mid} bytes after ${SAMPLES[1]} actions, ${last} after ${SAMPLES[2]} (+${last - mid})`,
    );
  });
});
