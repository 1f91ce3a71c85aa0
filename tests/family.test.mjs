// The adaptive family on the page (issue 17): every newer optimizer through the select and
// through a link, optax's forms in compare mode, the learning-rate-free preset drawing its
// estimate d(t), and Rprop beside RMSProp with β = 0. One browser for the suite.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSuite } from './support/suite.mjs';
import { canvasHash, openExplorer, settledUrl } from './support/explorer.mjs';

const NEW = ['rprop', 'nadam', 'radam', 'adabelief', 'yogi', 'adopt', 'prodigy', 'dadapt', 'schedulefree'];

describe('the adaptive family', () => {
  const suite = startSuite();
  const open = async (query) => openExplorer(suite.browser, `${suite.server.url}${query}`);

  test('every newer optimizer through the select, grouped by family, and through a link', async () => {
    const view = await open('');
    const { page } = view;
    const groups = await page.evaluate(() =>
      [...document.querySelectorAll('#optimizer optgroup')].map((g) => [
        g.label,
        [...g.querySelectorAll('option')].map((o) => o.value),
      ]),
    );
    assert.deepEqual(groups.map(([label]) => label), [
      'Classical', 'Adaptive', "Adam's family", 'Sign-based', 'Learning-rate-free',
    ]);
    assert.equal(groups.flatMap(([, values]) => values).length, 20);
    for (const name of NEW) {
      await page.selectOption('#optimizer', name);
      const url = await settledUrl(page);
      assert.match(url, new RegExp(`optimizer=${name}(&|$)`), name);
      const runs = await page.evaluate(() => window.descent.appTrajectories());
      assert.equal(runs[0].optimizer, name);
      assert.ok(runs[0].w1.length > 1, `${name}: a path`);
      // One line under the select: what it fixes, with its reference (a year in parentheses).
      assert.match(await page.textContent('#optimizer-note'), /\(.*(19|20)\d\d\)$/, name);
    }
    for (const name of NEW) {
      const linked = await open(`?v=1&optimizer=${name}&convention=optax&steps=50`);
      assert.equal(await linked.page.inputValue('#optimizer'), name);
      assert.equal(await linked.page.inputValue('#convention'), 'optax');
      assert.match(await linked.page.textContent('#form-note'), /^optax form: (.*; )?optax\./, name);
      const [run] = await linked.page.evaluate(() => window.descent.appTrajectories());
      assert.deepEqual([run.optimizer, run.convention, run.w1.length], [name, 'optax', 51]);
      assert.deepEqual(linked.errors, [], name);
      await linked.close();
    }
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('compare mode runs optax forms beside the others', async () => {
    const view = await open('?v=1&compare=rmsprop,rmsprop:optax,adagrad:optax,prodigy:optax');
    const { page } = view;
    const runs = await page.evaluate(() => window.descent.appTrajectories());
    assert.deepEqual(
      runs.map((r) => `${r.optimizer}:${r.convention}`),
      ['adagrad:optax', 'rmsprop:article', 'rmsprop:optax', 'prodigy:optax'],
    );
    for (const id of ['#compare-rmsprop', '#compare-rmsprop-optax', '#compare-adagrad-optax', '#compare-prodigy-optax']) {
      assert.equal(await page.isChecked(id), true, id);
    }
    // optax's RMSProp is the article's form (ε inside the root, the same defaults).
    assert.deepEqual(runs[1].w1, runs[2].w1);
    // optax's AdaGrad starts its accumulator at 0.1, not 0: another path than the article's.
    const article = await page.evaluate(() => window.descent.trajectory({ optimizer: 'adagrad' }).w1[5]);
    assert.notEqual(runs[0].w1[5], article);
    await page.check('#compare-yogi-optax');
    assert.match(decodeURIComponent(await settledUrl(page)), /yogi:optax/);
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('the learning-rate-free preset draws its estimate d(t) as it grows', async () => {
    const view = await open('?v=1&preset=learning-rate-free');
    const { page } = view;
    assert.equal(await page.inputValue('#optimizer'), 'prodigy');
    const runs = await page.evaluate(() => window.descent.appTrajectories());
    assert.deepEqual(runs.map((r) => r.optimizer), ['adam', 'prodigy', 'dadapt']);
    for (const run of runs.slice(1)) {
      const d = run.d;
      assert.ok(d[d.length - 1] > 1e5 * d[1], `${run.optimizer}: d grows from ${d[1]} to ${d[d.length - 1]}`);
      // It finds a learning rate that reaches the minimum; Adam at its default does not.
      assert.ok(run.error[run.error.length - 1] < 1e-6, `${run.optimizer} converges`);
    }
    assert.ok(runs[0].error[runs[0].error.length - 1] > 1, 'adam at lr 0.001 is still far');
    // Prodigy alone, with its d series shown: the course draws something more.
    const prodigy = `?v=1&function=${encodeURIComponent('0.02*w1^2 + 20*w2^2')}&start=-8,3&optimizer=prodigy&steps=300`;
    const alone = await open(prodigy);
    assert.equal((await alone.page.evaluate(() => window.descent.appTrajectories())).length, 1);
    const before = await canvasHash(alone.page, 'course');
    const shown = await open(`${prodigy}&series=d`);
    assert.notEqual(await canvasHash(shown.page, 'course'), before, 'the d series is drawn');
    assert.match(await settledUrl(shown.page), /series=d/);
    for (const v of [alone, shown]) {
      assert.deepEqual(v.errors, []);
      await v.close();
    }
    assert.deepEqual(view.errors, []);
    await view.close();
  });

  test('Rprop beside RMSProp with β = 0: only the sign survives', async () => {
    const view = await open('?v=1&preset=sign');
    const { page } = view;
    const runs = await page.evaluate(() => window.descent.appTrajectories());
    assert.deepEqual(runs.map((r) => r.optimizer), ['rmsprop', 'rprop']);
    const [rmsprop] = runs;
    // With β = 0, s = g² and each step is η·g/√(g² + ε): η·sign(g), as long as |g| ≫ √ε.
    const step = Math.abs(rmsprop.w1[1] - rmsprop.w1[0]);
    assert.ok(Math.abs(step - 0.05) < 1e-9, `RMSProp's first step ${step}`);
    assert.deepEqual(view.errors, []);
    await view.close();
  });
});
