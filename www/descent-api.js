// Descent's JS API, ready to use: importing this module instantiates the engine's wasm module
// (once per page, whoever imports it), so `trajectory`, `step` and `sweep` need no init() call.
//
//   import { trajectory } from './descent-api.js';
//   trajectory({ optimizer: 'adam', steps: 500 }).w1;   // Float64Array
//
// The wasm file is fetched next to descent-web-engine.js (a bundler emits it as an asset). The
// npm package descent-explorer uses this module as its entry for browsers and bundlers.
import init from './descent-web-engine.js';

await init();

export { trajectory, step, sweep, SweepJob } from './descent-web-engine.js';
