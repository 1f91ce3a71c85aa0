// Accessibility of the explorer page in headless Chromium, served under a sub-path with the
// strict CSP: axe-core finds no serious or critical problem in any state of the page (every
// optimizer's parameters shown, compare mode, error messages, a tooltip), every control has
// an accessible name, ids are unique, the keyboard alone reaches the surface and moves the
// start point, and the status line is a live region that summarises the run.
//
// axe-core is served from a same-origin URL under the server's base (the page's CSP allows
// only `script-src 'self'`, so an inline-injected script would be refused).

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { openExplorer, setInput } from './support/explorer.mjs';
import { openQuietExplorer, startSuite } from './support/suite.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/** Impacts that fail the test; minor and moderate ones are printed only. */
const BLOCKING = new Set(['serious', 'critical']);

/** The optimizers of #optimizer, each showing its own parameter rows. */
const OPTIMIZERS = ['gd', 'momentum', 'adagrad', 'rmsprop', 'adam'];

/** What was printed already: each result once, in the first state that showed it. */
const printed = new Set();

/** Prints axe results of one kind (violations or incomplete) with every node's target. */
function printResults(label, kind, results) {
  for (const r of results) {
    const nodes = r.nodes.filter((node) => !printed.has(`${kind} ${r.id} ${node.target.join(' ')}`));
    if (nodes.length === 0) continue;
    console.log(`axe ${kind} [${label}] ${r.id} (${r.impact}): ${r.help}`);
    for (const node of nodes) {
      printed.add(`${kind} ${r.id} ${node.target.join(' ')}`);
      const summary = (node.failureSummary ?? '').replace(/\s*\n\s*/g, ' | ');
      console.log(`    ${node.target.join(' ')}${summary ? ` — ${summary}` : ''}`);
    }
  }
}

/** WCAG contrast ratio of two `rgb()`/`rgba()` colours (the second assumed opaque). */
function contrast(foreground, background) {
  const channels = (css) => css.match(/[\d.]+/g).slice(0, 3).map(Number);
  const luminance = (css) => {
    const [r, g, b] = channels(css).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

describe('accessibility', () => {
  const suite = startSuite({ open: openQuietExplorer });
  let view;
  let page;

  before(async () => {
    view = suite.shared;
    page = view.page;
    await injectAxe(page);
  });

  /** Serves axe-core from a same-origin URL under the server's base and loads it. */
  async function injectAxe(target) {
    const axeUrl = `${suite.server.url}__test/axe.min.js`;
    await target.route(axeUrl, (route) =>
      route.fulfill({ path: AXE_PATH, contentType: 'text/javascript; charset=utf-8' }),
    );
    await target.addScriptTag({ url: axeUrl });
    assert.equal(await target.evaluate(() => typeof window.axe?.run), 'function', 'axe-core loaded under the CSP');
  }

  /** Runs axe on the whole document; prints everything; returns the blocking violations. */
  async function audit(label, target = page) {
    const results = await target.evaluate(() =>
      window.axe.run(document, { resultTypes: ['violations', 'incomplete'] }),
    );
    printResults(label, 'violation', results.violations);
    printResults(label, 'needs review', results.incomplete);
    const ran = [...results.passes, ...results.violations, ...results.incomplete].map((r) => r.id);
    assert.ok(ran.includes('color-contrast'), 'the color-contrast rule ran');
    return results.violations
      .filter((v) => BLOCKING.has(v.impact))
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}`));
  }

  /** The blocking violations of the page as it opens: the later states report only new ones
   * (those are asserted in the first test already). */
  const atOpening = new Set();
  const onlyNew = (violations) => violations.filter((v) => !atOpening.has(v));

  /** Colours of text elements that axe cannot judge (over a canvas or in the top layer):
   * each element's colour and its nearest opaque background. */
  function coloursOf(target, selector) {
    return target.evaluate((selector) => {
      // Nearly opaque counts (the tooltip's 0.96 white); anything thinner shows what is under it.
      const opaque = (css) => Number((css.match(/^rgba\(.*,\s*([\d.]+)\)$/) ?? [null, '1'])[1]) >= 0.9;
      return [...document.querySelectorAll(selector)]
        .filter((el) => el.getClientRects().length > 0 && el.textContent.trim() !== '')
        .map((el) => {
          let bg = null;
          for (let e = el; e && !bg; e = e.parentElement) {
            const c = getComputedStyle(e).backgroundColor;
            if (opaque(c)) bg = c;
          }
          return { id: el.id || el.localName, color: getComputedStyle(el).color, background: bg ?? 'rgb(255, 255, 255)' };
        });
    }, selector);
  }

  /** Elements in `list` whose text contrast is below 4.5:1, printed with their ratios. */
  function lowContrast(label, list) {
    return list
      .map((c) => ({ ...c, ratio: contrast(c.color, c.background) }))
      .filter((c) => {
        console.log(`${label}: ${c.id} contrast ${c.ratio.toFixed(2)}:1 (${c.color} on ${c.background})`);
        return c.ratio < 4.5;
      })
      .map((c) => `${c.id}: ${c.ratio.toFixed(2)}:1`);
  }

  /** Back to the defaults: article preset, RMSProp, no compare, no error shown. */
  async function resetPage() {
    await page.selectOption('#preset', 'article');
    await page.selectOption('#optimizer', 'rmsprop');
    if (await page.isChecked('#compare')) await page.uncheck('#compare');
    await page.mouse.move(0, 0);
  }

  test('axe: no serious or critical violation on the page as it opens', async () => {
    const blocking = await audit('as it opens');
    for (const v of blocking) atOpening.add(v);
    assert.deepEqual(blocking, [], 'serious or critical axe violations (details printed above)');
    assert.deepEqual(view.errors, []);
  });

  test('axe: no new serious or critical violation with every control, message and tooltip shown', async () => {
    const blocking = [];
    for (const optimizer of OPTIMIZERS) {
      await page.selectOption('#optimizer', optimizer);
      for (const v of onlyNew(await audit(`optimizer ${optimizer}`))) blocking.push(`[${optimizer}] ${v}`);
    }
    // Compare mode (its fieldset of checkboxes), error messages under the fields, a tooltip.
    await page.selectOption('#optimizer', 'rmsprop');
    await page.check('#compare');
    await setInput(page, '#function', '3*w1^2 + ');
    await setInput(page, '#lr', '-1');
    await setInput(page, '#steps', 'abc');
    await setInput(page, '#steps-b-params', 'lr=0.05, beta=2');
    await setInput(page, '#amp-betas', '0, 2');
    await setInput(page, '#amp-lr', 'x');
    const frame = await page.evaluate(() => window.descent.surfaceFrame());
    const t = await page.evaluate(() => window.descent.appTrajectory());
    const [x0, x1] = frame.xRange;
    const [y0, y1] = frame.yRange;
    await page.hover('#surface', {
      position: {
        x: frame.x + ((t.w1[1] - x0) / (x1 - x0)) * frame.width,
        y: frame.y + ((y1 - t.w2[1]) / (y1 - y0)) * frame.height,
      },
    });
    assert.equal(await page.isVisible('#tooltip'), true, 'the tooltip is shown for the audit');
    // axe cannot tell the tooltip's background over a canvas: check its own colours.
    const colours = await page.evaluate(() => {
      const s = getComputedStyle(document.getElementById('tooltip'));
      return { color: s.color, background: s.backgroundColor };
    });
    const alpha = Number((colours.background.match(/rgba\(.*,\s*([\d.]+)\)/) ?? [null, '1'])[1]);
    assert.ok(alpha >= 0.95, `the tooltip has an opaque background: ${colours.background}`);
    const ratio = contrast(colours.color, colours.background);
    console.log(`tooltip contrast ${ratio.toFixed(2)}:1 (${colours.color} on ${colours.background})`);
    assert.ok(ratio >= 4.5, `tooltip contrast ${ratio.toFixed(2)}:1`);
    for (const v of onlyNew(await audit('compare, messages, tooltip'))) blocking.push(`[messages] ${v}`);
    // The embed dialog, where the page has it.
    if (await page.$('#embed-trajectory')) {
      await page.click('#embed-trajectory');
      assert.equal(await page.isVisible('#embed-dialog'), true, 'the embed dialog opened');
      for (const v of onlyNew(await audit('embed dialog'))) blocking.push(`[embed dialog] ${v}`);
      // axe cannot see the background of the top layer: check the dialog's text itself.
      const colours = await coloursOf(page, '#embed-dialog, #embed-dialog *');
      for (const low of lowContrast('embed dialog', colours)) blocking.push(`[embed dialog] contrast ${low}`);
      await page.click('#embed-close');
    }
    // Restore valid values.
    await setInput(page, '#function', '3*w1^2 + 10*w2^2');
    await setInput(page, '#lr', '0.05');
    await setInput(page, '#steps', '300');
    await setInput(page, '#steps-b-params', 'lr=0.05, beta=0.9, eps=1e-8');
    await setInput(page, '#amp-betas', '0, 0.5, 0.9, 0.99');
    await setInput(page, '#amp-lr', '1');
    await resetPage();
    assert.deepEqual([...new Set(blocking)], [], 'serious or critical axe violations (details printed above)');
    assert.deepEqual(view.errors, []);
  });

  test('axe: no new serious or critical violation with the notice of a bad link shown', async () => {
    const noticed = await openExplorer(suite.browser, `${suite.server.url}?v=1&lr=NaN&steps=abc&function=foo(w1)`, {
      reducedMotion: 'reduce',
    });
    try {
      await injectAxe(noticed.page);
      const shown = await noticed.page.evaluate(() => {
        const notice = document.getElementById('notice');
        return notice ? !notice.hidden : null;
      });
      assert.notEqual(shown, false, 'the notice is shown for a link with bad values');
      const blocking = onlyNew(await audit('notice', noticed.page));
      blocking.push(...lowContrast('notice', await coloursOf(noticed.page, '#notice, #notice *')));
      assert.deepEqual(blocking, [], 'serious or critical axe violations (details printed above)');
      assert.deepEqual(noticed.errors, []);
    } finally {
      await noticed.close();
    }
  });

  test('axe: no new serious or critical violation with a map computing, drawn, a message and its tooltip', async () => {
    const blocking = [];
    // A map of hyperparameters (its axes' controls shown) computing: the progress bar and Cancel.
    // Long enough to outlast the audit: a schedule makes each cell a run of its own, which the
    // kernels do not take, and 128² × 6000 steps is near the map's work limit.
    await page.selectOption('#sweep-kind', 'params');
    await page.selectOption('#schedule', 'cosine');
    await setInput(page, '#steps', '6000');
    await setInput(page, '#sweep-grid', '128');
    await page.click('#sweep-draw');
    await page.getByRole('progressbar', { name: 'Computing the map' }).waitFor({ state: 'visible' });
    for (const v of onlyNew(await audit('map computing'))) blocking.push(`[map computing] ${v}`);
    await page.click('#sweep-cancel');
    // Drawn, with a message under an axis and a cell's tooltip.
    await page.selectOption('#schedule', 'constant');
    await setInput(page, '#steps', '300');
    await setInput(page, '#sweep-grid', '16');
    await page.waitForFunction(() => {
      const s = window.descent.sweepState();
      return s.on && !s.computing && s.frame;
    });
    await setInput(page, '#sweep-x-range', '1:0.1');
    const frame = (await page.evaluate(() => window.descent.sweepState())).frame;
    await page.hover('#sweep', { position: { x: frame.x + frame.width / 2, y: frame.y + frame.height / 2 } });
    assert.equal(await page.isVisible('#sweep-tooltip'), true, 'the tooltip is shown for the audit');
    for (const v of onlyNew(await audit('map drawn'))) blocking.push(`[map drawn] ${v}`);
    const unnamed = await page.evaluate(() => {
      window.axe.setup(document);
      try {
        return [...document.querySelectorAll('#sweep-figure :is(input, select, button, progress)')]
          .filter((el) => el.getClientRects().length > 0)
          .filter((el) => window.axe.commons.text.accessibleText(el).trim() === '')
          .map((el) => el.id);
      } finally {
        window.axe.teardown();
      }
    });
    assert.deepEqual(unnamed, [], 'map controls without an accessible name');
    await setInput(page, '#sweep-x-range', '1e-5:10:log');
    await page.selectOption('#sweep-kind', 'starts');
    await page.mouse.move(0, 0);
    assert.deepEqual([...new Set(blocking)], [], 'serious or critical axe violations (details printed above)');
    assert.deepEqual(view.errors, []);
  });

  test('every id is unique, so each label and message belongs to one control', async () => {
    const duplicates = await page.evaluate(() => {
      const counts = new Map();
      for (const el of document.querySelectorAll('[id]')) counts.set(el.id, (counts.get(el.id) ?? 0) + 1);
      return [...counts].filter(([, n]) => n > 1).map(([id, n]) => {
        const where = [...document.querySelectorAll(`[id="${CSS.escape(id)}"]`)].map(
          (el) => `<${el.localName}> in #${el.closest('section')?.id ?? 'body'}`,
        );
        const referrers = [...document.querySelectorAll('[aria-describedby], [aria-labelledby], label[for]')]
          .filter((el) =>
            [el.getAttribute('aria-describedby'), el.getAttribute('aria-labelledby'), el.getAttribute('for')]
              .join(' ')
              .split(/\s+/)
              .includes(id),
          )
          .map((el) => `#${el.id}`);
        return `#${id} x${n} (${where.join(', ')}; referenced by ${referrers.join(', ') || 'nothing'})`;
      });
    });
    assert.deepEqual(duplicates, [], 'duplicate ids');
  });

  test("the iteration count's message appears under its own field", async () => {
    // #steps (Iterations, in #trajectory-figure) says aria-describedby="steps-error": its
    // message must be shown there and be the text that describes #steps.
    await setInput(page, '#steps', 'abc');
    const shown = await page.evaluate(() => {
      const field = document.getElementById('steps');
      return {
        sections: [...document.querySelectorAll('.error')]
          .filter((el) => el.textContent.includes('`steps`'))
          .map((el) => el.closest('section')?.id),
        ownMessage: field.closest('.control').querySelector('.error')?.textContent ?? '',
      };
    });
    await setInput(page, '#steps', '300');
    assert.deepEqual(shown.sections, ['trajectory-figure'], 'where the message about #steps appears');
    assert.match(shown.ownMessage, /`steps` must be a whole number from 0 to 100000, not `abc`/);
  });

  test('every input, select and button has an accessible name', async () => {
    const unnamed = new Set();
    const check = async (label) => {
      const missing = await page.evaluate(() => {
        window.axe.setup(document);
        try {
          return [...document.querySelectorAll('input, select, button, textarea')]
            .filter((el) => el.getClientRects().length > 0)
            .filter((el) => window.axe.commons.text.accessibleText(el).trim() === '')
            .map((el) => `<${el.localName}${el.id ? ` id=${el.id}` : ''}${el.type ? ` type=${el.type}` : ''}>`);
        } finally {
          window.axe.teardown();
        }
      });
      for (const m of missing) unnamed.add(`${m} [${label}]`);
    };
    for (const optimizer of OPTIMIZERS) {
      await page.selectOption('#optimizer', optimizer);
      await check(optimizer);
    }
    await page.check('#compare');
    await check('compare');
    const controls = await page.evaluate(
      () => [...document.querySelectorAll('input, select, button')].filter((el) => el.getClientRects().length > 0).length,
    );
    await resetPage();
    assert.ok(controls > 30, `${controls} visible controls checked`);
    assert.deepEqual([...unnamed], [], 'controls without an accessible name');
  });

  test('keyboard alone: Tab reaches #surface, arrow keys move the start point', async () => {
    // A fresh page, so the Tab order starts at the top of the document.
    const fresh = await openExplorer(suite.browser, suite.server.url, { reducedMotion: 'reduce' });
    const page = fresh.page;
    const visited = [];
    let reached = false;
    for (let i = 0; i < 80 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id ?? '');
      visited.push(id || '(no id)');
      reached = id === 'surface';
    }
    assert.ok(reached, `Tab never reached #surface; visited ${visited.join(' ')}`);
    console.log(`#surface is Tab stop ${visited.length}: ${visited.join(' ')}`);
    // A visible focus indicator (the stylesheet's :focus-visible outline).
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.getElementById('surface'));
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    assert.ok(outline.style !== 'none' && outline.width >= 2, `focus outline ${JSON.stringify(outline)}`);

    const startOf = () => page.evaluate(() => {
      const t = window.descent.appTrajectory();
      return [t.w1[0], t.w2[0]];
    });
    const frame = await page.evaluate(() => window.descent.surfaceFrame());
    const span = frame.xRange[1] - frame.xRange[0];
    const before = await startOf();
    await page.keyboard.press('ArrowRight');
    const right = await startOf();
    assert.ok(Math.abs(right[0] - before[0] - 0.01 * span) < 1e-9, `ArrowRight: ${before} -> ${right}`);
    assert.equal(right[1], before[1]);
    await page.keyboard.press('ArrowUp');
    const up = await startOf();
    assert.ok(up[1] > right[1], `ArrowUp: ${right} -> ${up}`);
    await page.keyboard.press('Shift+ArrowLeft');
    const left = await startOf();
    assert.ok(Math.abs(right[0] - left[0] - 0.1 * span) < 1e-9, `Shift+ArrowLeft: ${right} -> ${left}`);
    // The arrows move the point, not the page.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'surface');
    assert.match(await page.textContent('#start'), /^\(-?\d/);
    assert.deepEqual(fresh.errors, []);
    await fresh.close();
  });

  test('#status is a live region that summarises the run', async () => {
    await resetPage();
    const live = await page.getAttribute('#status', 'aria-live');
    assert.ok(['polite', 'assertive'].includes(live), `aria-live="${live}"`);
    assert.notEqual(await page.getAttribute('#status', 'aria-hidden'), 'true');
    const described = await page.getAttribute('#surface', 'aria-describedby');
    assert.ok((described ?? '').split(/\s+/).includes('status'), 'the surface is described by the status');
    const number = String.raw`-?\d+(?:\.\d+)?(?:e-?\d+)?`;
    const summary = new RegExp(
      String.raw`^RMSProp from \(-15, 20\): 300 steps, ending at \((${number}), (${number})\) with E = (${number})\.$`,
    );
    const text = await page.textContent('#status');
    const match = text.match(summary);
    assert.ok(match, `status: ${text}`);
    const t = await page.evaluate(() => window.descent.appTrajectory());
    const last = t.w1.length - 1;
    assert.equal(last, 300);
    assert.ok(Math.abs(Number(match[1]) - t.w1[last]) < 1e-3 * Math.max(1, Math.abs(t.w1[last])), text);
    assert.ok(Math.abs(Number(match[2]) - t.w2[last]) < 1e-3 * Math.max(1, Math.abs(t.w2[last])), text);
    assert.ok(Math.abs(Number(match[3]) - t.error[last]) < 1e-3 * Math.max(1, Math.abs(t.error[last])), text);
    // It follows the run: fewer steps, and a run that diverges says where.
    await setInput(page, '#steps', '20');
    assert.match(await page.textContent('#status'), /^RMSProp from \(-15, 20\): 20 steps, ending at /);
    await page.selectOption('#optimizer', 'gd');
    await setInput(page, '#lr', '1e300');
    assert.match(await page.textContent('#status'), /diverged at step \d+/);
    await setInput(page, '#lr', '0.001');
    await setInput(page, '#steps', '300');
    await resetPage();
    assert.deepEqual(view.errors, []);
  });
});
