// The optimizer table is the one source: every row of it (read through the JS export
// `optimizerTable`) appears in the page's optimizer select, the first-steps selects and the
// compare grid, survives the URL round trip, shows its hyperparameter controls, and runs
// through the JS API in every convention with its form's state columns. Adding an optimizer to
// core's table is enough for all of this: nothing here names one.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSuite } from './support/suite.mjs';
import { openExplorer, settledUrl } from './support/explorer.mjs';

const BASE_COLUMNS = ['t', 'w1', 'w2', 'error', 'g1', 'g2'];

describe('every optimizer of the table', () => {
  const suite = startSuite({ open: ({ browser, server }) => openExplorer(browser, server.url) });

  test('has its controls, its URL and its JS API', async () => {
    const view = suite.shared;
    const { page } = view;
    const table = await page.evaluate(() => window.descent.optimizerTable());
    assert.ok(table.optimizers.length >= 11, `${table.optimizers.length} optimizers`);
    const conventions = table.conventions.map((c) => c.name);
    assert.deepEqual(conventions, ['article', 'pytorch', 'keras']);
    const allKeys = table.hyperparameters.map((h) => h.key);
    for (const row of table.optimizers) {
      const { name, label } = row;
      // The page's select, the first-steps selects and the compare grid.
      const option = await page.textContent(`#optimizer option[value="${name}"]`);
      assert.ok(option.startsWith(label), `${name}: option "${option}"`);
      for (const id of ['#steps-a-optimizer', '#steps-b-optimizer']) {
        assert.equal(await page.textContent(`${id} option[value="${name}"]`), label);
      }
      for (const c of conventions) {
        const id = c === 'article' ? `#compare-${name}` : `#compare-${name}-${c}`;
        assert.equal(await page.locator(id).count(), 1, `${id} exists`);
      }
      // Choosing it shows its hyperparameters, and only those, with their defaults.
      await page.selectOption('#optimizer', name);
      for (const key of allKeys) {
        const own = row.hyperparameters.find((h) => h.key === key);
        assert.equal(await page.isVisible(`#param-${key}`), Boolean(own), `${name}: #param-${key}`);
        if (own) assert.equal(Number(await page.inputValue(`#${key}`)), own.default, `${name}: ${key}`);
      }
      const formula = await page.textContent('#formula');
      assert.equal(formula, row.forms[0].formula, `${name}: formula`);
      // The URL names it, and a fresh page opened from that URL runs it.
      const url = await settledUrl(page);
      const fresh = await openExplorer(suite.browser, url);
      assert.equal(await fresh.page.inputValue('#optimizer'), name);
      const runs = await fresh.page.evaluate(() => window.descent.appTrajectories());
      assert.deepEqual(
        runs.map((r) => r.optimizer),
        [name],
        `${url} runs ${name}`,
      );
      assert.deepEqual(fresh.errors, []);
      await fresh.close();
      // The JS API runs it in every convention, with the state columns of the form used.
      for (const convention of conventions) {
        const form = row.forms.find((f) => f.convention === convention) ?? row.forms[0];
        const result = await page.evaluate(
          ([optimizer, convention]) => {
            const t = window.descent.trajectory({ optimizer, convention, steps: 3 });
            const first = window.descent.step({ optimizer, convention }, [-15, 20], null);
            const second = window.descent.step({ optimizer, convention }, first.w, first.state);
            return {
              columns: [...t.columns],
              rows: t.t.length,
              stateKeys: Object.keys(first.state),
              t: second.state.t,
              same: second.w[0] === t.w1[2] && second.w[1] === t.w2[2],
            };
          },
          [name, convention],
        );
        assert.deepEqual(result.columns, [...BASE_COLUMNS, ...form.state], `${name} ${convention}`);
        assert.equal(result.rows, 4);
        assert.deepEqual(result.stateKeys, ['t', ...form.state]);
        assert.equal(result.t, 2);
        assert.ok(result.same, `${name} ${convention}: two steps equal the trajectory's`);
      }
    }
    assert.deepEqual(view.errors, []);
  });
});
