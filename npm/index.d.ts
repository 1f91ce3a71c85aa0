/**
 * Descent's JS API: optimizer trajectories on an error surface E(w1, w2) you type in, computed
 * by the Rust (WebAssembly) code of the Descent explorer and CLI. Ready on import: no
 * initialisation call, in Node, browsers and bundlers alike.
 *
 * @example
 * import { trajectory } from "descent-explorer";
 * const run = trajectory({ optimizer: "rmsprop", steps: 2 });
 * run.w1; // Float64Array [-15, -14.841886116992557, -14.727755788123446]
 * run.s1; // Float64Array [0, 809.9999999999999, 1522.0137006351947]
 *
 * @packageDocumentation
 */

import type {
  DefaultOptimizer,
  OptimizerName,
  Optimizers,
  SweepConfig,
  TrajectoryConfig,
} from "./vocabulary.js";

export * from "./vocabulary.js";

/** The columns every run has, in order: t, w1, w2, E(w), then the gradient ∇E(w). */
export type BaseColumn = "t" | "w1" | "w2" | "error" | "g1" | "g2";

/** The state columns of optimizer `O` (of any optimizer by default), such as `"s1" | "s2"`. */
export type StateColumn<O extends OptimizerName = OptimizerName> = Optimizers[O]["state"];

/**
 * The state columns of `O` with values of type `V`: exactly the optimizer's own when `O` is
 * known, each maybe missing when the optimizer could be any.
 */
export type StateValues<O extends OptimizerName, V> = OptimizerName extends O
  ? { [C in StateColumn]?: V }
  : O extends OptimizerName
    ? { [C in StateColumn<O>]: V }
    : never;

/**
 * Every iteration of a run of optimizer `O`, one `Float64Array` per column, each with
 * `steps + 1` values (fewer if the run stopped early). Row t holds the position w(t), E(w(t)),
 * the gradient ∇E(w(t)) that the next step uses, and the state after t steps; row 0 is the
 * start, with a zero state. The same columns as the CLI's CSV and JSON. The columns are views
 * of one `ArrayBuffer` (`run.w1.buffer` holds them all).
 */
export type Trajectory<O extends OptimizerName = OptimizerName> = {
  /** The iteration t: 0, 1, 2, … */
  t: Float64Array;
  /** The first weight w1(t). */
  w1: Float64Array;
  /** The second weight w2(t). */
  w2: Float64Array;
  /** The error E(w(t)). */
  error: Float64Array;
  /** ∂E/∂w1 at w(t). */
  g1: Float64Array;
  /** ∂E/∂w2 at w(t). */
  g2: Float64Array;
  /** The column names in order: `t, w1, w2, error, g1, g2`, then the optimizer's state. */
  columns: Array<BaseColumn | StateColumn<O>>;
  /**
   * `null`, or why the run ended early, such as
   * `"diverged at step 67: the values overflowed to infinity (try a smaller lr)"`.
   * A run that stops does not throw: it returns its finite rows.
   */
  stopped: string | null;
} & StateValues<O, Float64Array>;

/** An optimizer's state after `t` steps, as `step` returns it and takes it back. */
export type StepState<O extends OptimizerName = OptimizerName> = {
  /** Steps taken so far. */
  t: number;
} & StateValues<O, number>;

/** The row `step` returns: the new position, with E, ∇E and the state there. */
export interface StepResult<O extends OptimizerName = OptimizerName> {
  /** The new position w = [w1, w2]. */
  w: [number, number];
  /** E(w) at the new position. */
  error: number;
  /** ∇E(w) at the new position: the gradient the next step uses. */
  g: [number, number];
  /** The state to pass to the next call of `step`. */
  state: StepState<O>;
}

/**
 * Runs `config` and returns every iteration: one `Float64Array` per column.
 * `trajectory()` runs the article's example (RMSProp on 3·w1² + 10·w2² from (−15, 20)).
 *
 * @param config The vocabulary's keys; a missing key takes its default.
 * @returns The run; `stopped` says why it ended early, if it did.
 * @throws {Error} If the config is invalid, with the CLI's message, such as
 *   "`lr` must be a finite number > 0, not 0" or
 *   "`beta` is not a hyperparameter of gd, which takes lr".
 * @example
 * const run = trajectory({ function: "(1-w1)^2 + 100*(w2-w1^2)^2", optimizer: "adam",
 *                          lr: 0.02, start: [-1.5, 2.5], steps: 500 });
 * console.log(run.error[run.error.length - 1], run.stopped);
 */
export function trajectory<O extends OptimizerName = DefaultOptimizer>(
  config?: TrajectoryConfig<O> | null,
): Trajectory<O>;

/**
 * Takes one step of the optimizer in `config` from position `w`. Steps chained from a `null`
 * state give exactly the rows of `trajectory` (whose `start` and `steps` `step` ignores).
 *
 * @param config The vocabulary's keys, validated as a whole.
 * @param w The position `[w1, w2]`, two finite numbers.
 * @param state `null` (or omitted) for the first step, then the `state` the previous call returned.
 * @returns The next row, at the new position.
 * @throws {Error} If the config, `w` or `state` is invalid, or if the step would leave the region
 *   where E is finite (with the message `stopped` would carry).
 * @example
 * let w: [number, number] = [-15, 20];
 * let state = null;
 * for (let i = 0; i < 2; i++) ({ w, state } = step({ optimizer: "rmsprop" }, w, state));
 */
export function step<O extends OptimizerName = DefaultOptimizer>(
  config: TrajectoryConfig<O> | null | undefined,
  w: readonly [number, number] | Float64Array,
  state?: StepState<O> | null,
): StepResult<O>;

/** Why a run of a sweep stopped, in the order of the `stop` column's codes 1, 2, 3. */
export type StopReason = "converged" | "diverged" | "undefined";

/**
 * Where every cell's run of a sweep ended, one `Float64Array` per column in cell order: row by
 * row from the y axis's minimum, each row from the x axis's minimum (cell (i, j) of an N × M
 * grid is index j·N + i). A sweep of starts has `start1, start2` (the cell's start), a sweep of
 * hyperparameters `x, y` (the cell's two values); then the last row of the cell's run, equal bit
 * for bit to the last row of `trajectory()` from that cell.
 */
export type SweepResult = {
  /** The x axis value of each cell (`start1` or `x`). */
  [axis in "start1" | "start2" | "x" | "y"]?: Float64Array;
} & {
  /** w1 at the run's last row (the start if E is undefined there). */
  w1: Float64Array;
  /** w2 at the run's last row. */
  w2: Float64Array;
  /** E at the run's last row; NaN if E is undefined at the start itself. */
  error: Float64Array;
  /** The steps the run took (its last row's t). */
  t: Float64Array;
  /**
   * Why the run stopped: 0 if it took all its steps without meeting `tol`, otherwise n for
   * `stopReasons[n − 1]`: 1 converged (|∇E| ≤ tol), 2 diverged, 3 undefined (E or ∇E not a
   * number where it went).
   */
  stop: Float64Array;
  /** The column names in order: `start1, start2` or `x, y`, then `w1, w2, error, t, stop`. */
  columns: string[];
  /** The words of the stop codes 1, 2, 3. */
  stopReasons: StopReason[];
  /** The sweep's kind. */
  kind: "starts" | "params";
  /** Cells along x and y. */
  grid: [number, number];
};

/**
 * Runs the optimizer from every cell of a grid: the start points of `view` (`kind: "starts"`, a
 * basin map) or two hyperparameters `x` and `y` over their ranges (`kind: "params"`), with the
 * run keys of `trajectory`. At most 10⁸ steps in all (cells × steps). Runs at once; in a page,
 * run large sweeps in a Web Worker with `SweepJob`.
 *
 * @throws {Error} If the config is invalid, with the CLI's message, such as
 *   "`grid` must be N or N,M: whole numbers of cells from 1 to 1024 …".
 * @example
 * const map = sweep({ kind: "starts", function: "(1-w1)^2 + 100*(w2-w1^2)^2", lr: 0.01,
 *                     view: [-2, 2, -1, 3], grid: 128, steps: 500, tol: 1e-3 });
 * const converged = map.stop.filter((code) => code === 1).length;
 */
export function sweep<O extends OptimizerName = DefaultOptimizer>(config: SweepConfig<O>): SweepResult;

/**
 * A sweep run a chunk at a time, for a Web Worker that reports progress between chunks and
 * can stop between them (`free()` releases it early).
 *
 * @example
 * const job = new SweepJob({ kind: "params", optimizer: "adam", x: "lr=1e-4:1:log",
 *                            y: "beta1=0:0.99", grid: 64, steps: 500 });
 * while (!job.advance(1e6)) postMessage({ done: job.done, total: job.total });
 * const map = job.result();
 */
export class SweepJob {
  /** Validates `config` as `sweep` does (throws its messages); nothing is computed yet. */
  constructor(config: SweepConfig);
  /** Runs about `budget` more steps; returns whether every cell's run has ended. */
  advance(budget: number): boolean;
  /** Cells whose run has ended. */
  readonly done: number;
  /** All cells. */
  readonly total: number;
  /** The result, as `sweep` returns it (running whatever is left first). Once only. */
  result(): SweepResult;
  /** Releases the job's memory in the wasm module. */
  free(): void;
}
