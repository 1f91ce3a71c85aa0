// A key the optimizer does not take (Prodigy has no beta, RMSProp's decay): `tsc --noEmit`
// must reject this file.
import { trajectory } from "descent-explorer";

export const run = trajectory({ optimizer: "prodigy", d0: 1e-4, beta: 0.9 });
