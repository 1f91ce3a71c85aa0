// The page's map worker: runs sweeps with its own instance of the wasm module, a chunk at a
// time, so the page never waits for a map. The page (crates/web/src/page/sweep/worker.rs)
// starts it as a module worker from this file, next to descent-web-engine.js (the module it
// loads: the engine alone), under the page's CSP.
//
// Messages in:  { type: 'run', id, config }  a sweep (the JS API's `sweep` config), replacing
//                                            the job running
//               { type: 'cancel', id }       drops job `id`
// Messages out: { type: 'progress', id, done, total }  cells done, after every chunk
//               { type: 'result', id, result }         `sweep()`'s object; its columns'
//                                                      buffers are transferred
//               { type: 'error', id, message }         the core's message
//
// A chunk takes about SLICE_MS milliseconds; between two chunks the worker reads its mailbox,
// so a new job or a cancel takes effect within one chunk.
import init, { SweepJob } from './descent-web-engine.js';

/** Milliseconds of work between two looks at the mailbox. */
const SLICE_MS = 25;
/** Steps of the first chunk; later chunks are sized to take SLICE_MS. */
const FIRST_BUDGET = 100_000;

const ready = init();
/** The job running: { id, sweep, budget }, or null. */
let job = null;
// A message to ourselves schedules the next chunk after the mailbox (no timer clamping).
const tick = new MessageChannel();
tick.port1.onmessage = () => work();

function fail(id, error) {
  self.postMessage({ type: 'error', id, message: String(error?.message ?? error) });
}

function drop() {
  job?.sweep.free();
  job = null;
}

self.onmessage = async ({ data }) => {
  try {
    await ready;
  } catch (error) {
    fail(data?.id, `the worker could not load the wasm module: ${error?.message ?? error}`);
    return;
  }
  if (data?.type === 'run') {
    drop();
    try {
      job = { id: data.id, sweep: new SweepJob(data.config), budget: FIRST_BUDGET };
    } catch (error) {
      fail(data.id, error);
      return;
    }
    tick.port2.postMessage(null);
  } else if (data?.type === 'cancel' && job?.id === data.id) {
    drop();
  }
};

function work() {
  const current = job;
  if (!current) return;
  try {
    const started = performance.now();
    const finished = current.sweep.advance(current.budget);
    const elapsed = Math.max(performance.now() - started, 0.5);
    current.budget = Math.min(5e7, Math.max(1e4, (current.budget * SLICE_MS) / elapsed));
    if (finished) {
      const result = current.sweep.result();
      drop();
      const buffers = result.columns.map((name) => result[name].buffer);
      self.postMessage({ type: 'result', id: current.id, result }, buffers);
    } else {
      self.postMessage({ type: 'progress', id: current.id, done: current.sweep.done, total: current.sweep.total });
      tick.port2.postMessage(null);
    }
  } catch (error) {
    drop();
    fail(current.id, error);
  }
}
