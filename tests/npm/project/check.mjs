// Node: the package's API, imported as a user would, with no initialisation call. Prints `ok`.
// The article's numbers (README, "The article's example"): two RMSProp steps from (−15, 20).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { step, sweep, SweepJob, trajectory } from 'descent-explorer';

const run = trajectory({
  function: '3*w1^2 + 10*w2^2', optimizer: 'rmsprop',
  lr: 0.05, beta: 0.9, eps: 1e-8, start: [-15, 20], steps: 2,
});
assert.deepEqual(run.columns, ['t', 'w1', 'w2', 'error', 'g1', 'g2', 's1', 's2']);
assert.ok(run.w1 instanceof Float64Array);
assert.deepEqual([...run.w1], [-15, -14.841886116992557, -14.727755788123446]);
assert.deepEqual([...run.w2], [20, 19.84188611699163, 19.727610500933032]);
assert.deepEqual([...run.s1], [0, 809.9999999999999, 1522.0137006351947]);
assert.deepEqual([...run.s2], [0, 15999.999999999996, 30148.017787186604]);
assert.equal(run.stopped, null);

// The defaults are the article's example; steps chained from null give the trajectory's rows.
assert.deepEqual([...trajectory({ steps: 2 }).w1], [...run.w1]);
let w = [-15, 20];
let state = null;
for (let t = 1; t <= 2; t++) {
  ({ w, state } = step({ optimizer: 'rmsprop' }, w, state));
  assert.deepEqual(w, [run.w1[t], run.w2[t]]);
  assert.deepEqual(state, { t, s1: run.s1[t], s2: run.s2[t] });
}

// Errors carry the CLI's messages; a diverging run stops without throwing.
assert.throws(() => trajectory({ optimizer: 'gd', beta: 0.9 }), {
  message: '`beta` is not a hyperparameter of gd, which takes lr',
});
assert.throws(() => trajectory({ optimizer: 'sgd' }), /unknown optimizer `sgd`/);
assert.match(trajectory({ optimizer: 'gd', lr: 1e300 }).stopped, /^diverged at step 1/);

// A sweep: every cell's row is the last row of the trajectory from that cell; SweepJob runs it
// in chunks to the same numbers.
const map = sweep({ kind: 'starts', view: [-20, 20, -25, 25], grid: [4, 3], steps: 50, tol: 1 });
assert.deepEqual(map.columns, ['start1', 'start2', 'w1', 'w2', 'error', 't', 'stop']);
assert.deepEqual(map.stopReasons, ['converged', 'diverged', 'undefined']);
for (let i = 0; i < 12; i++) {
  const cell = trajectory({ start: [map.start1[i], map.start2[i]], steps: 50, tol: 1 });
  const last = cell.t.length - 1;
  assert.deepEqual([cell.w1[last], cell.w2[last], cell.error[last], last], [map.w1[i], map.w2[i], map.error[i], map.t[i]]);
  assert.equal(map.stop[i], cell.stopped === null ? 0 : 1);
}
const job = new SweepJob({ kind: 'params', x: 'lr=1e-3:1:log', y: 'beta=0:0.99', grid: 5, steps: 40 });
while (!job.advance(100));
assert.equal(job.done, 25);
assert.deepEqual([...job.result().error], [...sweep({ kind: 'params', x: 'lr=1e-3:1:log', y: 'beta=0:0.99', grid: 5, steps: 40 }).error]);
assert.throws(() => sweep({ kind: 'starts', view: '-1,1,-1,1', grid: 0 }), /^Error: `grid` must be N or N,M/);

// Server rendering imports the element module: under Node it registers nothing and throws nothing.
await import('descent-explorer/element');
assert.equal(typeof globalThis.customElements, 'undefined');

// No top-level await in the Node entry, so CommonJS code can require it where Node supports
// require() of ES modules (20.19 and later).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19)) {
  const required = createRequire(import.meta.url)('descent-explorer');
  assert.deepEqual([...required.trajectory({ steps: 2 }).w1], [...run.w1]);
}
console.log('ok');
