// A convention the table does not have: `tsc --noEmit` must reject this file.
import { trajectory } from "descent-explorer";

export const run = trajectory({ optimizer: "adam", convention: "jax" });
