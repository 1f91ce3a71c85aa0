"""How fast the Python package runs, as ratios against baselines run in the same process:
a plain Python loop of the same RMSProp steps (one run), and the same update vectorised in
numpy over every cell (a sweep). Each baseline's numbers are checked against Descent's first,
so the comparison is of the same work. docs/python.md records the figures.

Usage: python crates/python/bench/speed.py  (with the wheel installed)"""

import math
import time

import numpy as np

from descent_explorer import sweep, trajectory

LR, BETA, EPS = 0.05, 0.9, 1e-8


def best(function, repeat=5):
    """The fastest of `repeat` calls, in seconds, and the last result."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def python_loop(steps):
    """The article's RMSProp on 3·w1² + 10·w2² from (−15, 20), in plain Python floats."""
    w1, w2, s1, s2 = -15.0, 20.0, 0.0, 0.0
    for _ in range(steps):
        g1, g2 = 6 * w1, 20 * w2
        s1 = BETA * s1 + (1 - BETA) * g1 * g1
        s2 = BETA * s2 + (1 - BETA) * g2 * g2
        w1 -= LR * g1 / math.sqrt(s1 + EPS)
        w2 -= LR * g2 / math.sqrt(s2 + EPS)
    return w1, w2


def numpy_lanes(starts, steps):
    """The same steps for every start at once, vectorised in numpy."""
    w = starts.copy()
    s = np.zeros_like(w)
    scale = np.array([6.0, 20.0])
    for _ in range(steps):
        g = w * scale
        s = BETA * s + (1 - BETA) * g * g
        w = w - LR * g / np.sqrt(s + EPS)
    return w


def main():
    steps = 100_000
    keys = dict(function="3*w1^2 + 10*w2^2", optimizer="rmsprop", lr=LR, beta=BETA, eps=EPS, start=[-15, 20])
    descent, run = best(lambda: trajectory(**keys, steps=steps))
    loop, (w1, w2) = best(lambda: python_loop(steps))
    assert abs(w1 - run.w1[-1]) <= 1e-12 * abs(w1) + 1e-300 and abs(w2 - run.w2[-1]) <= 1e-12 * abs(w2) + 1e-300
    print(f"trajectory, {steps} steps: descent {descent * 1e3:.1f} ms (all 8 columns), "
          f"python loop {loop * 1e3:.1f} ms (w only): {loop / descent:.1f}x")

    grid, steps = 128, 500
    sweep_keys = dict(kind="starts", view=[-20, 20, -25, 25], grid=grid, steps=steps, **{k: v for k, v in keys.items() if k != "start"})
    descent, cells = best(lambda: sweep(**sweep_keys), repeat=3)
    starts = np.column_stack([cells.start1, cells.start2])
    lanes, ends = best(lambda: numpy_lanes(starts, steps), repeat=3)
    assert np.allclose(ends, np.column_stack([cells.w1, cells.w2]), rtol=1e-12, atol=1e-300)
    print(f"sweep, {grid}x{grid} cells x {steps} steps: descent {descent * 1e3:.0f} ms, "
          f"numpy over all cells {lanes * 1e3:.0f} ms: {lanes / descent:.1f}x")


if __name__ == "__main__":
    main()
