#!/usr/bin/env python3
"""Reference trajectories for Descent's optax forms and its nine newer optimizers, computed by
the REAL packages in float64 with hand-written gradients (no autodiff in the loop):

  optax 0.2.8 (JAX, x64)      every optimizer's optax form (optax.contrib for ADOPT, Prodigy,
                              D-Adaptation and Schedule-Free)
  torch.optim                 Rprop, NAdam, RAdam
  keras.optimizers            Nadam (JAX backend, float64)
  the authors' packages       adabelief-pytorch, torch-adopt, prodigyopt, dadaptation,
                              schedulefree

Writes runs.tsv next to this file: one line per (optimizer, convention, run, t) with w(t) and,
where the optimizer carries one, its learning-rate estimate d(t) (Prodigy, D-Adaptation) or
its average x(t) (Schedule-Free), as 17-digit numbers. crates/core/tests/reference.rs reads it.

Each run is also taken from a start moved by one part in 1e10, and each line carries the
framework's own amplification of that change, |w(t) − w'(t)|∞ / |w(0) − w'(0)|∞: where it is
large the run is chaotic there (a learning-rate-free method bouncing on a non-convex surface),
and two correct implementations that round differently part ways; the test says which points
it can check.

Set-up: python3 -m venv venv && venv/bin/pip install -r requirements.txt
Usage:  venv/bin/python generate.py > output.log     (about a minute, one thread)
"""
import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import copy
import math
import platform
import sys
from importlib.metadata import version

import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
import keras

keras.config.set_floatx("float64")
import numpy as np
import optax
import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

import adabelief_pytorch
import adopt as torch_adopt
import dadaptation
import prodigyopt
import schedulefree

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------------------------
# Functions, with the text Descent parses and a hand-written gradient.
# --------------------------------------------------------------------------------------------
FUNCTIONS = {
    "A": ("3*w1^2 + 10*w2^2", lambda w1, w2: (6.0 * w1, 20.0 * w2)),
    "R": (
        "(1-w1)^2 + 100*(w2-w1^2)^2",
        lambda w1, w2: (-2.0 * (1.0 - w1) - 400.0 * w1 * (w2 - w1 * w1), 200.0 * (w2 - w1 * w1)),
    ),
    "L": ("ln(1 + w1^2) + 2*w2^2", lambda w1, w2: (2.0 * w1 / (1.0 + w1 * w1), 4.0 * w2)),
}

# run name -> (function, start, steps, learning-rate factor on the form's default)
RUNS = {
    "a": ("A", (1.0, 2.0), 100, 1.0),
    "b": ("A", (1.0, 2.0), 100, 10.0),
    "c": ("R", (-1.5, 2.5), 500, 1.0),
    "d": ("L", (3.0, -2.0), 300, 1.0),
}
RECORDED = (1, 2, 3, 10, 20, 50, 100, 300, 500)
# The relative change of the start that measures a run's amplification.
NUDGE = 1e-10


def recorded(t, steps):
    return t in RECORDED or t == steps


# --------------------------------------------------------------------------------------------
# Runners: each returns [(t, w1, w2, extra)] at the recorded steps; extra is a dict of the
# state values Descent shows (d, x1, x2), read from the framework's own state.
# --------------------------------------------------------------------------------------------
def run_torch(make, grad, start, steps, lr, extra=None):
    p = torch.tensor(list(start), dtype=torch.float64, requires_grad=True)
    opt = make([p], lr)
    if hasattr(opt, "train"):
        opt.train()  # Schedule-Free's train mode: p is y
    out = []
    for t in range(1, steps + 1):
        w1, w2 = p.detach().tolist()
        p.grad = torch.tensor(grad(w1, w2), dtype=torch.float64)
        opt.step()
        if recorded(t, steps):
            w = p.detach().tolist()
            out.append((t, w[0], w[1], extra(opt, p) if extra else {}))
    assert p.dtype == torch.float64
    return out


def run_optax(make, grad, start, steps, lr, extra=None):
    params = jnp.asarray(start, dtype=jnp.float64)
    tx = make(lr)
    state = tx.init(params)
    out = []
    for t in range(1, steps + 1):
        w1, w2 = (float(x) for x in np.asarray(params))
        g = jnp.asarray(grad(w1, w2), dtype=jnp.float64)
        updates, state = tx.update(g, state, params)
        params = optax.apply_updates(params, updates)
        assert params.dtype == jnp.float64
        if recorded(t, steps):
            w = [float(x) for x in np.asarray(params)]
            out.append((t, w[0], w[1], extra(state, params) if extra else {}))
    return out


def run_keras(make, grad, start, steps, lr, extra=None):
    var = keras.Variable(np.asarray(start, dtype=np.float64), dtype="float64", name="w")
    opt = make(lr)
    out = []
    for t in range(1, steps + 1):
        w1, w2 = (float(x) for x in np.asarray(var.value))
        opt.apply_gradients([(jnp.asarray(grad(w1, w2), dtype=jnp.float64), var)])
        if recorded(t, steps):
            w = [float(x) for x in np.asarray(var.value)]
            out.append((t, w[0], w[1], {}))
    assert np.asarray(var.value).dtype == np.float64
    return out


# The state Descent draws, from each framework's own state.
def torch_group_d(opt, p):
    return {"d": float(opt.param_groups[0]["d"])}


def torch_schedule_free_x(opt, p):
    # What the authors' eval() computes: p.lerp_(z, 1 − 1/β1), on a copy.
    beta1 = opt.param_groups[0]["betas"][0]
    x = p.detach().clone().lerp_(opt.state[p]["z"], 1.0 - 1.0 / beta1).tolist()
    return {"x1": x[0], "x2": x[1]}


def optax_estim_lr(state, params):
    return {"d": float(state.estim_lr)}


def optax_schedule_free_x(state, params):
    x = [float(v) for v in np.asarray(optax.contrib.schedule_free_eval_params(state, params))]
    return {"x1": x[0], "x2": x[1]}


T = torch.optim
C = optax.contrib

# (optimizer, convention) -> (runner, factory(params?, lr), default lr, extra, description)
CASES = {
    # optax's form of the eleven that were there before.
    ("gd", "optax"): (run_optax, lambda lr: optax.sgd(lr), 0.001, None, "optax.sgd"),
    ("momentum", "optax"): (run_optax, lambda lr: optax.sgd(lr, momentum=0.9), 0.001, None,
                            "optax.sgd(momentum=0.9)"),
    ("adagrad", "optax"): (run_optax, lambda lr: optax.adagrad(lr), 0.5, None,
                           "optax.adagrad (initial_accumulator_value=0.1, eps=1e-7)"),
    ("rmsprop", "optax"): (run_optax, lambda lr: optax.rmsprop(lr), 0.05, None,
                           "optax.rmsprop (decay=0.9, eps=1e-8)"),
    ("adam", "optax"): (run_optax, lambda lr: optax.adam(lr), 0.001, None, "optax.adam"),
    ("nesterov", "optax"): (run_optax, lambda lr: optax.sgd(lr, momentum=0.9, nesterov=True),
                            0.001, None, "optax.sgd(momentum=0.9, nesterov=True)"),
    ("adamw", "optax"): (run_optax, lambda lr: optax.adamw(lr), 0.001, None,
                         "optax.adamw (weight_decay=1e-4)"),
    ("amsgrad", "optax"): (run_optax, lambda lr: optax.amsgrad(lr), 0.001, None, "optax.amsgrad"),
    ("adamax", "optax"): (run_optax, lambda lr: optax.adamax(lr), 0.002, None, "optax.adamax"),
    ("adadelta", "optax"): (run_optax, lambda lr: optax.adadelta(lr), 1.0, None,
                            "optax.adadelta(learning_rate=lr)"),
    ("lion", "optax"): (run_optax, lambda lr: optax.lion(lr), 0.0001, None,
                        "optax.lion (weight_decay=1e-3)"),
    # The nine.
    ("rprop", "pytorch"): (run_torch, lambda p, lr: T.Rprop(p, lr=lr), 0.01, None,
                           "torch.optim.Rprop"),
    ("rprop", "optax"): (run_optax, lambda lr: optax.rprop(lr), 0.01, None, "optax.rprop"),
    ("nadam", "pytorch"): (run_torch, lambda p, lr: T.NAdam(p, lr=lr), 0.002, None,
                           "torch.optim.NAdam (momentum_decay=4e-3)"),
    ("nadam", "keras"): (run_keras, lambda lr: keras.optimizers.Nadam(learning_rate=lr), 0.001,
                         None, "keras.optimizers.Nadam"),
    ("nadam", "optax"): (run_optax, lambda lr: optax.nadam(lr), 0.002, None, "optax.nadam"),
    ("radam", "pytorch"): (run_torch, lambda p, lr: T.RAdam(p, lr=lr), 0.001, None,
                           "torch.optim.RAdam"),
    ("radam", "optax"): (run_optax, lambda lr: optax.radam(lr), 0.001, None, "optax.radam"),
    ("adabelief", "pytorch"): (
        run_torch,
        lambda p, lr: adabelief_pytorch.AdaBelief(p, lr=lr, print_change_log=False),
        0.001, None, "adabelief_pytorch.AdaBelief (eps=1e-16, rectify=True)"),
    ("adabelief", "optax"): (run_optax, lambda lr: optax.adabelief(lr), 0.001, None,
                             "optax.adabelief"),
    ("yogi", "optax"): (run_optax, lambda lr: optax.yogi(lr), 0.01, None, "optax.yogi"),
    ("adopt", "pytorch"): (run_torch, lambda p, lr: torch_adopt.ADOPT(p, lr=lr), 0.001, None,
                           "adopt.ADOPT (torch-adopt)"),
    ("adopt", "optax"): (run_optax, lambda lr: C.adopt(lr), 0.001, None, "optax.contrib.adopt"),
    ("prodigy", "pytorch"): (run_torch, lambda p, lr: prodigyopt.Prodigy(p, lr=lr), 1.0,
                             torch_group_d, "prodigyopt.Prodigy"),
    ("prodigy", "optax"): (run_optax, lambda lr: C.prodigy(lr), 1.0, optax_estim_lr,
                           "optax.contrib.prodigy"),
    ("dadapt", "pytorch"): (run_torch, lambda p, lr: dadaptation.DAdaptAdam(p, lr=lr), 1.0,
                            torch_group_d, "dadaptation.DAdaptAdam"),
    ("dadapt", "optax"): (run_optax, lambda lr: C.dadapt_adamw(lr), 1.0, optax_estim_lr,
                          "optax.contrib.dadapt_adamw"),
    ("schedulefree", "pytorch"): (
        run_torch, lambda p, lr: schedulefree.AdamWScheduleFree(p, lr=lr), 0.0025,
        torch_schedule_free_x, "schedulefree.AdamWScheduleFree (train mode)"),
    ("schedulefree", "optax"): (run_optax, lambda lr: C.schedule_free_adamw(lr), 0.0025,
                                optax_schedule_free_x, "optax.contrib.schedule_free_adamw"),
}


def main():
    packages = ["optax", "jax", "jaxlib", "keras", "torch", "numpy", "adabelief-pytorch",
                "torch-adopt", "prodigyopt", "dadaptation", "schedulefree"]
    print("python", platform.python_version())
    for name in packages:
        print(name, version(name))
    lines = ["# optimizer\tconvention\trun\tfunction\tstart\tsteps\tlr\tt\tw1\tw2\tamplification\tstate"]
    for (optimizer, convention), (runner, make, lr0, extra, description) in CASES.items():
        for run, (function, start, steps, factor) in RUNS.items():
            text, grad = FUNCTIONS[function]
            lr = lr0 * factor
            rows = runner(make, grad, start, steps, lr, extra)
            nudged_start = tuple(x * (1.0 + NUDGE) for x in start)
            nudged = runner(make, grad, nudged_start, steps, lr, extra)
            moved = max(abs(a - b) for a, b in zip(start, nudged_start))
            finite = all(math.isfinite(w1) and math.isfinite(w2) for _, w1, w2, _ in rows)
            print(f"{optimizer:12} {convention:8} {run} {description}: lr {lr!r}, "
                  f"w({rows[-1][0]}) = ({rows[-1][1]!r}, {rows[-1][2]!r})"
                  + ("" if finite else "  NOT FINITE: left out"))
            if not finite:
                continue
            for (t, w1, w2, state), (_, v1, v2, _) in zip(rows, nudged):
                values = ",".join(f"{k}={v!r}" for k, v in sorted(state.items()))
                amplification = max(abs(w1 - v1), abs(w2 - v2)) / moved
                lines.append("\t".join([optimizer, convention, run, text, f"{start[0]!r},{start[1]!r}",
                                        str(steps), repr(lr), str(t), repr(w1), repr(w2),
                                        f"{amplification:.3e}", values]))
    with open(os.path.join(HERE, "runs.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(len(lines) - 1, "rows written to runs.tsv")


if __name__ == "__main__":
    sys.exit(main())
