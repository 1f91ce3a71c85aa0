// descent-explorer in Node: the JS API, ready on import. The wasm module is read from this
// package's own files and instantiated synchronously (no top-level await, so `require` works
// too where Node can require ES modules).
import { readFileSync } from 'node:fs';
import { initSync } from './descent-web-engine.js';

initSync({ module: readFileSync(new URL('./descent-web-engine_bg.wasm', import.meta.url)) });

export { trajectory, step, sweep, SweepJob } from './descent-web-engine.js';
