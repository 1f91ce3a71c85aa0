// An unknown optimizer name: `tsc --noEmit` must reject this file.
import { trajectory } from "descent-explorer";

export const run = trajectory({ optimizer: "sgd", lr: 0.1 });
