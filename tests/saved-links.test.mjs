// Links are a promise: links made before the optimizer table (commit 7a14eff) open the same
// figures. tests/fixtures/saved-links.json holds what each link opened on that build: the
// controls' values, the notice and status texts, the runs' numbers, the figures' frames and a
// hash of each putImageData raster (exact pixels, independent of font rendering). This test
// opens every link on the current build and compares.
//
// Re-record (only against a build whose figures are known good):
//   DESCENT_RECORD=1 DESCENT_DIST=/path/to/old/dist node --test saved-links.test.mjs
//
// Deliberate differences, each from an issue, are listed in CHANGED below with the reason.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSuite } from './support/suite.mjs';
import { openExplorer } from './support/explorer.mjs';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'saved-links.json');
const RECORD = process.env.DESCENT_RECORD === '1';

/** The links, as people saved them (query strings after the page's address). */
const LINKS = [
  '?v=1',
  '?v=1&preset=rosenbrock&optimizer=adam&lr=0.02&steps=250&start=-1.2,2.2&log=1',
  '?v=1&preset=rosenbrock&compare=gd,momentum,adagrad,rmsprop,adam&steps=800',
  '?v=1&function=sin(w1)%2Bcos(w2)&optimizer=momentum&alpha=0.5&adam.beta1=0.8&adam.lr=0.01&compare=momentum,adam&start=1.25,-0.5&steps=40&view=-3,3,-2,4',
  '?v=1&preset=plateau&optimizer=gd&lr=2&steps=120',
  '?v=1&view=-5,5,-5,5&t=40&series=s1,E(w(t))&steps=100',
  '?v=1&lr=abc&beta=1.5&steps=1e9&optimizer=sgd&alpha=0.3&unknown=1&view=1,2,3',
  '?v=1&optimizer=adam&beta2=2&eps=0&beta1=-1&compare=adam,nope',
  '?v=1&figure=steps&optimizer=momentum,adam&lr=0.01,&beta2=,0.99&steps=5',
  '?v=1&figure=steps&steps=50&lr=-1,',
  '?v=1&figure=steps&function=abs(w1)%2Babs(w2)&start=3,2&optimizer=adagrad,gd',
  '?v=1&figure=amplification&beta=0,0.3&eps=0.001&range=-2',
  '?v=1&figure=amplification&beta=0.2,0.4,0.6,0.8,0.95&lr=0.5&range=2',
  '?v=1&figure=nope&preset=waves',
];

/** The old notices listed the five optimizers of the time; now they list the table's. */
const ALL_OPTIMIZERS = [
  'issue 9: messages list all optimizers of the table',
  (old, seen) => old.replaceAll('gd, momentum, adagrad, rmsprop, adam', seen.optimizerNames),
];

/**
 * Deliberate differences from the recording: link → { key: [why, expected value, or a function
 * of the recorded value and what was seen now, or undefined to skip the check] }.
 */
const CHANGED = {
  '?v=1&lr=abc&beta=1.5&steps=1e9&optimizer=sgd&alpha=0.3&unknown=1&view=1,2,3': {
    'text:notice-text': ALL_OPTIMIZERS,
  },
  '?v=1&optimizer=adam&beta2=2&eps=0&beta1=-1&compare=adam,nope': {
    'text:notice-text': ALL_OPTIMIZERS,
  },
  '?v=1&preset=rosenbrock&optimizer=adam&lr=0.02&steps=250&start=-1.2,2.2&log=1': {
    'value:preset': ['issue 9: the select names the preset the link opens', 'rosenbrock'],
  },
  '?v=1&preset=rosenbrock&compare=gd,momentum,adagrad,rmsprop,adam&steps=800': {
    'value:preset': ['issue 9: the select names the preset the link opens', 'rosenbrock'],
  },
  '?v=1&function=sin(w1)%2Bcos(w2)&optimizer=momentum&alpha=0.5&adam.beta1=0.8&adam.lr=0.01&compare=momentum,adam&start=1.25,-0.5&steps=40&view=-3,3,-2,4': {
    'value:preset': ['issue 9: the select names the preset whose function the link draws', 'waves'],
  },
  '?v=1&preset=plateau&optimizer=gd&lr=2&steps=120': {
    'value:preset': ['issue 9: the select names the preset the link opens', 'plateau'],
  },
  '?v=1&figure=nope&preset=waves': {
    'value:preset': ['issue 9: the select names the preset the link opens', 'waves'],
    'text:notice-text': [
      'issue 11: the maps are a figure of their own (figure=sweep)',
      (old) => old.replace('choose trajectory, steps or amplification', 'choose trajectory, steps, amplification or sweep'),
    ],
  },
};

/** Everything a link opened, as plain data. */
function observe(page) {
  return page.evaluate(() => {
    const d = window.descent;
    const round = (x) => (Number.isFinite(x) ? Number(x.toPrecision(12)) : String(x));
    const hash = (id) => {
      const canvas = document.getElementById(id);
      if (!canvas) return null;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let h = 2166136261;
      for (let i = 0; i < data.length; i += 3) h = Math.imul(h ^ data[i], 16777619);
      return `${canvas.width}x${canvas.height}:${h >>> 0}`;
    };
    const frame = (f) =>
      f && { x: round(f.x), y: round(f.y), width: round(f.width), height: round(f.height), xRange: f.xRange.map(round), yRange: f.yRange.map(round) };
    const out = {};
    const ids = [
      'preset', 'function', 'optimizer', 'lr', 'alpha', 'beta', 'beta1', 'beta2', 'eps', 'steps',
      'log-scale', 'compare', 'compare-gd', 'compare-momentum', 'compare-adagrad', 'compare-rmsprop',
      'compare-adam', 'scrubber', 'steps-function', 'steps-start', 'steps-count', 'steps-a-optimizer',
      'steps-a-params', 'steps-b-optimizer', 'steps-b-params', 'amp-betas', 'amp-beta-slider', 'amp-lr',
      'amp-eps', 'amp-range',
    ];
    for (const id of ids) {
      const el = document.getElementById(id);
      if (!el) continue;
      out[`value:${id}`] = el.type === 'checkbox' ? el.checked : el.value;
    }
    for (const id of ['lr', 'alpha', 'beta', 'beta1', 'beta2', 'eps']) {
      const row = document.getElementById(`param-${id}`);
      if (row) out[`shown:${id}`] = !row.hidden;
    }
    for (const id of ['notice-text', 'status', 'formula', 'start', 'position', 'steps-count-value']) {
      const el = document.getElementById(id);
      if (el) out[`text:${id}`] = el.textContent;
    }
    out['shown:notice'] = !document.getElementById('notice').hidden;
    out.runs = d.appTrajectories().map((t) => ({
      optimizer: t.optimizer,
      columns: [...t.columns],
      rows: t.t.length,
      stopped: t.stopped,
      first: t.columns.map((c) => round(t[c][0])),
      last: t.columns.map((c) => round(t[c][t.t.length - 1])),
    }));
    out.position = d.playbackPosition();
    out.surfaceFrame = frame(d.surfaceFrame());
    out.stepsFrame = frame(d.stepsFrame());
    out.amplificationFrames = d.amplificationFrames().map((f) => ({ beta: f.beta, ...frame(f) }));
    out['raster:surface'] = hash('surface-raster');
    out['raster:amplification'] = hash('amplification-raster');
    out.hash = location.hash;
    out.optimizerNames = d.optimizerTable?.().optimizers.map((o) => o.name).join(', ');
    return out;
  });
}

describe('links saved before the optimizer table', () => {
  const suite = startSuite();
  let recorded = {};

  before(() => {
    if (!RECORD) recorded = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  });

  after(() => {
    if (RECORD) writeFileSync(FIXTURE, `${JSON.stringify(recorded, null, 1)}\n`);
  });

  for (const link of LINKS) {
    test(`${link} opens the same figure`, async () => {
      const view = await openExplorer(suite.browser, `${suite.server.url}${link}`);
      // The URL is rewritten only after a change; wait past its debounce all the same.
      await view.page.waitForTimeout(50);
      const seen = await observe(view.page);
      assert.deepEqual(view.errors, []);
      await view.close();
      if (RECORD) {
        recorded[link] = seen;
        return;
      }
      const expected = recorded[link];
      assert.ok(expected, `no recording for ${link}`);
      const changed = CHANGED[link] ?? {};
      for (const [key, value] of Object.entries(expected)) {
        if (key === 'optimizerNames') continue;
        if (key in changed) {
          const [why, now] = changed[key];
          const wanted = typeof now === 'function' ? now(value, seen) : now;
          if (wanted !== undefined) assert.deepEqual(seen[key], wanted, `${link} ${key} (${why})`);
          continue;
        }
        assert.deepEqual(seen[key], value, `${link}: ${key}`);
      }
    });
  }
});
