// The package's types, used correctly: `tsc --noEmit` must accept this file. The lines marked
// as expected errors below must be errors (tsc fails if one is not).
import {
  step,
  sweep,
  SweepJob,
  trajectory,
  type SweepResult,
  type StepResult,
  type StepState,
  type Trajectory,
  type TrajectoryConfig,
} from "descent-explorer";
import type { DescentFigureAttributes, DescentFigureElement } from "descent-explorer/element";
import "descent-explorer/element";

const run = trajectory({
  function: "3*w1^2 + 10*w2^2",
  optimizer: "rmsprop",
  lr: 0.05,
  beta: 0.9,
  eps: 1e-8,
  start: [-15, 20],
  steps: 2,
});
const s1: Float64Array = run.s1; // RMSProp's state columns are there
const stopped: string | null = run.stopped;
const columns: string[] = run.columns;

const adam: Trajectory<"adam"> = trajectory({ optimizer: "adam", beta1: 0.8, start: "-1.5,2.5" });
const v2: Float64Array = adam.v2;
const article = trajectory(); // the article's example: RMSProp
const s2: Float64Array = article.s2;

// A config held in a variable: any optimizer, so state columns may be missing.
const config: TrajectoryConfig = { optimizer: "momentum", alpha: 0.5 };
const m1: Float64Array | undefined = trajectory(config).m1;

let w: [number, number] = [-15, 20];
let state: StepState<"rmsprop"> | null = null;
for (let t = 0; t < 2; t++) {
  const row: StepResult<"rmsprop"> = step({ optimizer: "rmsprop" }, w, state);
  ({ w, state } = row);
  const error: number = row.error;
  const g: [number, number] = row.g;
  void error, g;
}
const stateS1: number | undefined = state?.s1;
const first = step({ optimizer: "adam" }, [1, 2]);
const v1: number = first.state.v1;

const map: SweepResult = sweep({
  kind: "params",
  optimizer: "adam",
  x: "lr=1e-4:1:log",
  y: "beta1=0:0.99",
  grid: [8, 4],
  steps: 100,
});
const codes: Float64Array = map.stop;
const basin = sweep({ kind: "starts", view: [-2, 2, -1, 3], grid: 16, lr: 0.01, tol: 1e-3 });
const job = new SweepJob({ kind: "starts", view: "-1,1,-1,1" });
const finished: boolean = job.advance(1e6);
void codes, basin, finished;

// @ts-expect-error a sweep of starts takes no start
sweep({ kind: "starts", view: "-1,1,-1,1", start: [0, 0] });
// @ts-expect-error adam has no beta to sweep
sweep({ kind: "params", optimizer: "adam", x: "beta=0:1", y: "lr=1e-3:1" });
// @ts-expect-error a sweep of hyperparameters needs both axes
sweep({ kind: "params", x: "lr=1e-3:1" });
// @ts-expect-error gd takes no beta
trajectory({ optimizer: "gd", beta: 0.9 });
// @ts-expect-error without `optimizer` the run is RMSProp's, which takes no alpha
trajectory({ alpha: 0.9 });
// @ts-expect-error hyperparameters are numbers
trajectory({ lr: "fast" });
// @ts-expect-error a start is two numbers
trajectory({ start: [1, 2, 3] });
// @ts-expect-error a run of gd has no state columns
trajectory({ optimizer: "gd" }).s1;

const figure: DescentFigureElement = document.createElement("descent-figure");
const found: DescentFigureElement | null = document.querySelector("descent-figure");
const attributes: DescentFigureAttributes = {
  figure: "steps",
  optimizer: "momentum,rmsprop",
  lr: "0.01,",
  steps: 4,
};
// @ts-expect-error not a figure of the explorer
const wrongFigure: DescentFigureAttributes = { figure: "surface" };
for (const [name, value] of Object.entries(attributes)) figure.setAttribute(name, String(value));

export { s1, stopped, columns, v2, s2, m1, stateS1, v1, found, wrongFigure };
