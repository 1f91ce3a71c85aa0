#!/usr/bin/env python3
"""Reference trajectories for the Descent optimizer tests, computed with the
REAL framework optimizers (torch.optim, keras.optimizers on the JAX backend,
optax, lion-pytorch) in float64, on 2-D functions whose gradient is written
by hand (no autodiff in the loop).

Outputs (next to this file):
  results.json       {case: {run: {"t", "w1", "w2", "w1_17g", "w2_17g", ...}}, "versions": {...}}
  trajectories.json  same, but every step t = 1..N (numbers only)
  checks.json        cross-checks: (1) analytic gradient vs autodiff,
                     (2) framework trajectory vs the formula written in
                     FORMULAS.md (a hand re-implementation used ONLY as a check;
                     it never feeds results.json).

Setup:  python3 -m venv venv && . venv/bin/activate && pip install -r requirements.txt
        (torch from PyPI pulls ~5 GB of CUDA wheels; only the CPU is used)
Usage:  python generate.py     (~20 s, single-threaded; prints versions and a line per run)
"""
import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")

import json
import math
import platform
from fractions import Fraction
import sys

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
import lion_pytorch
from importlib.metadata import version as pkg_version

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Functions with hand-written analytic gradients (plain Python floats)
# --------------------------------------------------------------------------


def grad_A(w1, w2):
    return (6.0 * w1, 20.0 * w2)


def grad_R(w1, w2):
    return (-2.0 * (1.0 - w1) - 400.0 * w1 * (w2 - w1 * w1), 200.0 * (w2 - w1 * w1))


def E_A(w):
    return 3.0 * w[0] ** 2 + 10.0 * w[1] ** 2


def E_R(w):
    return (1.0 - w[0]) ** 2 + 100.0 * (w[1] - w[0] ** 2) ** 2


FUNCS = {"A": grad_A, "R": grad_R}

# run name -> (function, start, steps, lr override or None)
RUNS = {
    "a": ("A", (1.0, 2.0), 100, None),
    "b": ("A", (1.0, 2.0), 100, 0.01),
    "c": ("R", (-1.5, 2.5), 500, None),
    "d": ("A", (-15.0, 20.0), 300, None),
    "e": ("A", (-15.0, 20.0), 300, 0.05),
}

# --------------------------------------------------------------------------
# Framework runners
# --------------------------------------------------------------------------


def run_torch(make_opt, gfun, start, steps, lr):
    p = torch.tensor(list(start), dtype=torch.float64, requires_grad=True)
    opt = make_opt([p], lr)
    out = []
    for _ in range(steps):
        w1, w2 = p.detach().tolist()
        p.grad = torch.tensor(gfun(w1, w2), dtype=torch.float64)
        opt.step()
        out.append(tuple(p.detach().tolist()))
    assert p.dtype == torch.float64
    for st in opt.state.values():
        for k, v in st.items():
            if isinstance(v, torch.Tensor) and v.dim() > 0:
                assert v.dtype == torch.float64, (k, v.dtype)
    return out


def run_optax(make_tx, gfun, start, steps, lr):
    params = jnp.asarray(start, dtype=jnp.float64)
    tx = make_tx(lr)
    state = tx.init(params)
    out = []
    for _ in range(steps):
        w1, w2 = (float(x) for x in np.asarray(params))
        g = jnp.asarray(gfun(w1, w2), dtype=jnp.float64)
        updates, state = tx.update(g, state, params)
        params = optax.apply_updates(params, updates)
        assert params.dtype == jnp.float64
        out.append(tuple(float(x) for x in np.asarray(params)))
    for leaf in jax.tree_util.tree_leaves(state):
        if hasattr(leaf, "ndim") and leaf.ndim > 0:
            assert leaf.dtype == jnp.float64, leaf.dtype
    return out


def run_keras(make_opt, gfun, start, steps, lr):
    var = keras.Variable(np.asarray(start, dtype=np.float64), dtype="float64", name="w")
    opt = make_opt(lr)
    out = []
    for _ in range(steps):
        w1, w2 = (float(x) for x in np.asarray(var.value))
        g = jnp.asarray(gfun(w1, w2), dtype=jnp.float64)
        opt.apply_gradients([(g, var)])
        out.append(tuple(float(x) for x in np.asarray(var.value)))
    assert var.dtype == "float64" and np.asarray(var.value).dtype == np.float64
    assert str(opt.learning_rate.dtype) == "float64", opt.learning_rate.dtype
    for v in opt.variables:
        if v.path.endswith("iteration") or "iteration" in v.name:
            continue
        assert v.dtype == "float64", (v.path, v.dtype)
    return out


# --------------------------------------------------------------------------
# Cases: name -> (runner, factory(lr) , default lr, description)
# --------------------------------------------------------------------------
T = torch.optim
K = keras.optimizers

CASES = {
    # ---- PyTorch forms ----
    "torch_sgd_nesterov": (run_torch, lambda p, lr: T.SGD(p, lr=lr, momentum=0.9, nesterov=True), 0.001,
                           "1. torch.optim.SGD(lr, momentum=0.9, nesterov=True)"),
    "torch_adamw": (run_torch, lambda p, lr: T.AdamW(p, lr=lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01), 0.001,
                    "2. torch.optim.AdamW(lr, betas=(0.9,0.999), eps=1e-8, weight_decay=0.01)"),
    "torch_adam_amsgrad": (run_torch, lambda p, lr: T.Adam(p, lr=lr, betas=(0.9, 0.999), eps=1e-8, amsgrad=True), 0.001,
                           "3. torch.optim.Adam(lr, betas=(0.9,0.999), eps=1e-8, amsgrad=True)"),
    "torch_adamax": (run_torch, lambda p, lr: T.Adamax(p, lr=lr, betas=(0.9, 0.999), eps=1e-8), 0.002,
                     "4. torch.optim.Adamax(lr, betas=(0.9,0.999), eps=1e-8)"),
    "torch_adadelta": (run_torch, lambda p, lr: T.Adadelta(p, lr=lr, rho=0.9, eps=1e-6), 1.0,
                       "5. torch.optim.Adadelta(lr, rho=0.9, eps=1e-6)"),
    "optax_lion": (run_optax, lambda lr: optax.lion(learning_rate=lr, b1=0.9, b2=0.99, weight_decay=0.0), 1e-4,
                   "6. optax.lion(lr, b1=0.9, b2=0.99, weight_decay=0)"),
    "lionpytorch_lion": (run_torch, lambda p, lr: lion_pytorch.Lion(p, lr=lr, betas=(0.9, 0.99), weight_decay=0.0), 1e-4,
                         "6. lion_pytorch.Lion(lr, betas=(0.9,0.99), weight_decay=0)"),
    "torch_rmsprop": (run_torch, lambda p, lr: T.RMSprop(p, lr=lr, alpha=0.99, eps=1e-8), 0.01,
                      "7. torch.optim.RMSprop(lr, alpha=0.99, eps=1e-8)"),
    "torch_adagrad": (run_torch, lambda p, lr: T.Adagrad(p, lr=lr, eps=1e-10, lr_decay=0, initial_accumulator_value=0), 0.01,
                      "8. torch.optim.Adagrad(lr, eps=1e-10, lr_decay=0, initial_accumulator_value=0)"),
    "torch_adam": (run_torch, lambda p, lr: T.Adam(p, lr=lr, betas=(0.9, 0.999), eps=1e-8), 0.001,
                   "9. torch.optim.Adam(lr, betas=(0.9,0.999), eps=1e-8)"),
    "torch_sgd_momentum": (run_torch, lambda p, lr: T.SGD(p, lr=lr, momentum=0.9), 0.001,
                           "10. torch.optim.SGD(lr, momentum=0.9)"),
    # ---- Keras 3 forms ----
    "keras_rmsprop": (run_keras, lambda lr: K.RMSprop(learning_rate=lr, rho=0.9, epsilon=1e-7, momentum=0.0, centered=False), 0.001,
                      "11. keras.optimizers.RMSprop(lr, rho=0.9, epsilon=1e-7)"),
    "keras_adagrad": (run_keras, lambda lr: K.Adagrad(learning_rate=lr, initial_accumulator_value=0.1, epsilon=1e-7), 0.001,
                      "12. keras.optimizers.Adagrad(lr, initial_accumulator_value=0.1, epsilon=1e-7)"),
    "keras_adam": (run_keras, lambda lr: K.Adam(learning_rate=lr, beta_1=0.9, beta_2=0.999, epsilon=1e-7), 0.001,
                   "13. keras.optimizers.Adam(lr, beta_1=0.9, beta_2=0.999, epsilon=1e-7)"),
    "keras_adamax": (run_keras, lambda lr: K.Adamax(learning_rate=lr, beta_1=0.9, beta_2=0.999, epsilon=1e-7), 0.001,
                     "14. keras.optimizers.Adamax(lr, beta_1=0.9, beta_2=0.999, epsilon=1e-7)"),
    "keras_adadelta": (run_keras, lambda lr: K.Adadelta(learning_rate=lr, rho=0.95, epsilon=1e-7), 0.001,
                       "15. keras.optimizers.Adadelta(lr, rho=0.95, epsilon=1e-7)"),
    "keras_adamw": (run_keras, lambda lr: K.AdamW(learning_rate=lr, weight_decay=0.004, beta_1=0.9, beta_2=0.999, epsilon=1e-7), 0.001,
                    "16. keras.optimizers.AdamW(lr, weight_decay=0.004, epsilon=1e-7)"),
    "keras_lion": (run_keras, lambda lr: K.Lion(learning_rate=lr, beta_1=0.9, beta_2=0.99), 0.001,
                   "17. keras.optimizers.Lion(lr, beta_1=0.9, beta_2=0.99)"),
    "keras_adam_amsgrad": (run_keras, lambda lr: K.Adam(learning_rate=lr, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=True), 0.001,
                           "18. keras.optimizers.Adam(lr, amsgrad=True, epsilon=1e-7)"),
    "keras_sgd_nesterov": (run_keras, lambda lr: K.SGD(learning_rate=lr, momentum=0.9, nesterov=True), 0.01,
                           "19. keras.optimizers.SGD(lr, momentum=0.9, nesterov=True)"),
}

# --------------------------------------------------------------------------
# Hand re-implementations of the formulas in FORMULAS.md (CHECK ONLY).
# Each is a generator factory: f(lr) -> step(w, g, t) -> new w, per coordinate.
# --------------------------------------------------------------------------


def _fma(a, b, c):
    """a*b+c with a single rounding (exact rational arithmetic, then round).
    torch's CPU kernels for add(alpha=), addcmul and lerp compute this fused form."""
    if not (math.isfinite(a) and math.isfinite(b) and math.isfinite(c)):
        return a * b + c
    return float(Fraction(a) * Fraction(b) + Fraction(c))


def _tsqrt(x):
    """torch's own float64 CPU sqrt (MKL vdSqrt on x86 builds: not always
    correctly rounded), used so the torch formula checks can be bitwise."""
    return torch.tensor([x, x], dtype=torch.float64).sqrt()[0].item()


def _sign(x):
    return (x > 0) - (x < 0)


def hand(case, lr, torch_exact=True):
    """torch_exact=False: same formulas, but every fused op is computed as
    a*b+c with two roundings and sqrt is the correctly rounded math.sqrt --
    i.e. what a straightforward re-implementation (e.g. in Rust) produces."""
    st = {}
    fma = _fma if torch_exact else (lambda a, b, c: a * b + c)
    tsqrt = _tsqrt if torch_exact else math.sqrt

    def s(k, init=0.0):
        return st.setdefault(k, [init, init])

    def step(w, g, t):
        nw = list(w)
        for i in range(2):
            wi, gi = w[i], g[i]
            if case in ("torch_sgd_nesterov", "torch_sgd_momentum"):
                b = s("b")
                b[i] = gi if t == 1 else 0.9 * b[i] + gi        # buf.mul_(m).add_(g)
                d = fma(0.9, b[i], gi) if case == "torch_sgd_nesterov" else b[i]  # g.add(buf, alpha=m)
                nw[i] = fma(-lr, d, wi)                          # p.add_(d, alpha=-lr)
            elif case in ("torch_adam", "torch_adamw", "torch_adam_amsgrad"):
                m, v, vm = s("m"), s("v"), s("vmax")
                if case == "torch_adamw":
                    wi = wi * (1 - lr * 0.01)
                m[i] = fma(1 - 0.9, gi - m[i], m[i])                  # lerp_
                v[i] = fma((1 - 0.999) * gi, gi, v[i] * 0.999)         # mul_.addcmul_
                vm[i] = max(vm[i], v[i])
                vv = vm[i] if case == "torch_adam_amsgrad" else v[i]
                denom = tsqrt(vv) / (1 - 0.999 ** t) ** 0.5 + 1e-8
                nw[i] = wi + (-(lr / (1 - 0.9 ** t)) * m[i]) / denom  # addcdiv_
            elif case == "torch_adamax":
                m, u = s("m"), s("u")
                m[i] = fma(1 - 0.9, gi - m[i], m[i])                  # lerp_
                u[i] = max(u[i] * 0.999, abs(gi) + 1e-8)
                nw[i] = wi + (-(lr / (1 - 0.9 ** t)) * m[i]) / u[i]   # addcdiv_
            elif case == "torch_adadelta":
                sq, acc = s("sq"), s("acc")
                sq[i] = fma((1 - 0.9) * gi, gi, sq[i] * 0.9)
                delta = tsqrt(acc[i] + 1e-6) / tsqrt(sq[i] + 1e-6) * gi
                acc[i] = fma((1 - 0.9) * delta, delta, acc[i] * 0.9)
                nw[i] = fma(-lr, delta, wi)
            elif case == "lionpytorch_lion":
                m = s("m")
                c = fma(1 - 0.9, gi, m[i] * 0.9)        # exp_avg.clone().mul_(b1).add(g, alpha=1-b1)
                nw[i] = fma(-lr, _sign(c), wi)          # p.add_(sgn, alpha=-lr)
                m[i] = fma(1 - 0.99, gi, m[i] * 0.99)   # exp_avg.mul_(b2).add_(g, alpha=1-b2)
            elif case == "optax_lion":
                m = s("m")
                c = (1.0 - 0.9) * gi + 0.9 * m[i]
                nw[i] = wi + (-lr) * _sign(c)           # scale(-lr), apply_updates: p + u
                m[i] = (1 - 0.99) * gi + 0.99 * m[i]
            elif case == "keras_lion":
                m = s("m")
                c = m[i] * 0.9 + gi * (1.0 - 0.9)
                nw[i] = wi - lr * _sign(c)
                m[i] = m[i] * 0.99 + gi * (1.0 - 0.99)
            elif case == "torch_rmsprop":
                sq = s("sq")
                sq[i] = fma((1 - 0.99) * gi, gi, sq[i] * 0.99)
                nw[i] = wi + (-lr * gi) / (tsqrt(sq[i]) + 1e-8)
            elif case == "torch_adagrad":
                a = s("a")
                a[i] = fma(1.0 * gi, gi, a[i])                  # addcmul_(g, g, value=1)
                nw[i] = wi + (-lr * gi) / (tsqrt(a[i]) + 1e-10)
            elif case == "keras_rmsprop":
                v = s("v")
                v[i] = 0.9 * v[i] + (1 - 0.9) * (gi * gi)
                nw[i] = wi - lr * gi / math.sqrt(v[i] + 1e-7)
            elif case == "keras_adagrad":
                a = s("a", 0.1)
                a[i] += gi * gi
                nw[i] = wi - lr * gi / math.sqrt(a[i] + 1e-7)
            elif case in ("keras_adam", "keras_adam_amsgrad", "keras_adamw"):
                m, v, vh = s("m"), s("v"), s("vhat")
                if case == "keras_adamw":
                    wi = wi - wi * 0.004 * lr
                alpha = lr * math.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
                m[i] += (gi - m[i]) * (1 - 0.9)
                v[i] += (gi * gi - v[i]) * (1 - 0.999)
                vh[i] = max(vh[i], v[i])
                vv = vh[i] if case == "keras_adam_amsgrad" else v[i]
                nw[i] = wi - m[i] * alpha / (math.sqrt(vv) + 1e-7)
            elif case == "keras_adamax":
                m, u = s("m"), s("u")
                m[i] += (gi - m[i]) * (1 - 0.9)
                u[i] = max(0.999 * u[i], abs(gi))
                nw[i] = wi - lr * m[i] / ((1 - 0.9 ** t) * (u[i] + 1e-7))
            elif case == "keras_adadelta":
                ag, ad = s("ag"), s("ad")
                ag[i] = 0.95 * ag[i] + (1 - 0.95) * (gi * gi)
                dv = -(math.sqrt(ad[i] + 1e-7) * gi) / math.sqrt(ag[i] + 1e-7)
                ad[i] = 0.95 * ad[i] + (1 - 0.95) * (dv * dv)
                nw[i] = wi + lr * dv
            elif case == "keras_sgd_nesterov":
                m = s("m")
                m[i] = 0.9 * m[i] - lr * gi
                nw[i] = wi + (0.9 * m[i] - lr * gi)
            else:
                raise KeyError(case)
        return tuple(nw)

    return step


def run_hand(case, gfun, start, steps, lr, torch_exact=True):
    step = hand(case, lr, torch_exact)
    w = tuple(start)
    out = []
    for t in range(1, steps + 1):
        w = step(w, gfun(*w), t)
        out.append(w)
    return out


# --------------------------------------------------------------------------


def g17(x):
    return "%.17g" % x  # 'nan' / 'inf' / '-inf' for non-finite values


def num(x):
    """JSON number (Python repr, round-trips exactly); null if not finite."""
    return x if math.isfinite(x) else None


def reldiff(a, b):
    if a == b:
        return 0.0
    if not (math.isfinite(a) and math.isfinite(b)):
        return math.inf
    sc = max(abs(a), abs(b))
    return abs(a - b) / sc if sc > 1e-8 else 0.0  # relative diffs of ~0 values are meaningless


def record_ts(steps):
    ts = []
    for t in (1, 2, 3, 10, 100, steps):
        if t <= steps and t not in ts:
            ts.append(t)
    return ts


def versions():
    v = {"python": platform.python_version(), "platform": platform.platform()}
    for p in ("torch", "keras", "jax", "jaxlib", "optax", "lion-pytorch", "numpy"):
        v[p] = pkg_version(p)
    v["torch.__version__"] = torch.__version__
    v["keras_backend"] = keras.backend.backend()
    v["keras_floatx"] = keras.config.floatx()
    v["jax_enable_x64"] = bool(jax.config.jax_enable_x64)
    return v


def _sanitize(o):
    if isinstance(o, dict):
        return {k: _sanitize(v) for k, v in o.items()}
    if isinstance(o, float) and not math.isfinite(o):
        return repr(o)
    return o


def compare(traj, ref):
    same = lambda x, y: x == y or (math.isnan(x) and math.isnan(y))
    bitwise = all(same(a[i], b[i]) for a, b in zip(traj, ref) for i in range(2))
    first_diff = next((t for t, (a, b) in enumerate(zip(traj, ref), 1)
                       if not (same(a[0], b[0]) and same(a[1], b[1]))), None)
    pairs = [(a[i], b[i]) for a, b in zip(traj, ref) for i in range(2)]
    rels = [reldiff(x, y) for x, y in pairs if not (math.isnan(x) and math.isnan(y))]
    abss = [abs(x - y) if math.isfinite(x) and math.isfinite(y) else (0.0 if same(x, y) else math.inf)
            for x, y in pairs]
    return {"bitwise_identical": bitwise, "first_differing_step": first_diff,
            "max_rel_diff_all_steps": max(rels, default=0.0),
            "max_abs_diff_all_steps": max(abss, default=0.0),
            "max_rel_diff_first_100_steps": max(rels[:200], default=0.0)}


def main():
    vers = versions()
    print("Framework versions:")
    for k, val in vers.items():
        print(f"  {k}: {val}")
    assert vers["keras_backend"] == "jax" and vers["keras_floatx"] == "float64" and vers["jax_enable_x64"]

    # analytic gradient vs autodiff (torch and jax), as a sanity check
    checks = {"note": "framework_vs_FORMULAS_md compares each framework trajectory with the hand-written "
                      "formula of FORMULAS.md (check only). exact_ops: torch fused ops (fma) and torch's own sqrt "
                      "emulated; plain_ops: a*b+c with two roundings and correctly rounded sqrt. max_rel_diff "
                      "ignores values with |w| <= 1e-8 (see max_abs_diff for those).",
              "gradient_vs_autodiff": {}, "framework_vs_FORMULAS_md": {}}
    pts = [(1.0, 2.0), (-15.0, 20.0), (-1.5, 2.5), (0.3, -0.7), (1.1, 1.3)]
    for fname, E in (("A", E_A), ("R", E_R)):
        worst = 0.0
        for w in pts:
            gt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
            E(gt).backward()
            gj = jax.grad(lambda x: E(x))(jnp.asarray(w, dtype=jnp.float64))
            ga = FUNCS[fname](*w)
            for i in range(2):
                sc = max(abs(ga[i]), 1e-300)
                worst = max(worst, abs(ga[i] - gt.grad[i].item()) / sc, abs(ga[i] - float(gj[i])) / sc)
        checks["gradient_vs_autodiff"][fname] = {"max_rel_diff": worst}
        print(f"gradient {fname}: max rel diff analytic vs autodiff = {worst:.3g}")

    results = {}
    full = {}
    for case, (runner, make, lr0, desc) in CASES.items():
        results[case] = {}
        full[case] = {}
        checks["framework_vs_FORMULAS_md"][case] = {}
        for run, (fname, start, steps, lr_override) in RUNS.items():
            lr = lr0 if lr_override is None else lr_override
            gfun = FUNCS[fname]
            traj = runner(make, gfun, start, steps, lr)
            assert len(traj) == steps
            ts = record_ts(steps)
            w1 = [traj[t - 1][0] for t in ts]
            w2 = [traj[t - 1][1] for t in ts]
            nonfin = [t for t, p in enumerate(traj, 1) if not all(math.isfinite(x) for x in p)]
            results[case][run] = {
                "t": ts, "w1": [num(x) for x in w1], "w2": [num(x) for x in w2],
                "w1_17g": [g17(x) for x in w1], "w2_17g": [g17(x) for x in w2],
                "function": fname, "start": list(start), "steps": steps, "lr": lr,
                "optimizer": desc,
            }
            if nonfin:
                results[case][run]["first_nonfinite_step"] = nonfin[0]
            full[case][run] = {"w1": [num(p[0]) for p in traj], "w2": [num(p[1]) for p in traj],
                               "function": fname, "start": list(start), "lr": lr}
            # compare with hand formula (check only)
            for variant, exact in (("exact_ops", True), ("plain_ops", False)):
                if variant == "plain_ops" and not case.startswith("torch_") and case != "lionpytorch_lion":
                    continue
                ref = run_hand(case, gfun, start, steps, lr, exact)
                chk = compare(traj, ref)
                checks["framework_vs_FORMULAS_md"][case].setdefault(run, {})[variant] = chk
            chk = checks["framework_vs_FORMULAS_md"][case][run]
            msg = "; ".join(f"{k}: " + ("bitwise" if v["bitwise_identical"] else f"maxrel {v['max_rel_diff_all_steps']:.2e} maxabs {v['max_abs_diff_all_steps']:.2e}")
                            for k, v in chk.items())
            print(f"{case:22s} {run} lr={lr:<7g} w(last)=({g17(traj[-1][0])}, {g17(traj[-1][1])})  hand: {msg}", flush=True)

    results["versions"] = vers
    full["versions"] = vers
    with open(os.path.join(HERE, "results.json"), "w") as f:
        json.dump(results, f, indent=1, allow_nan=False)
    with open(os.path.join(HERE, "trajectories.json"), "w") as f:
        json.dump(full, f, allow_nan=False)
    with open(os.path.join(HERE, "checks.json"), "w") as f:
        json.dump(_sanitize(checks), f, indent=1, allow_nan=False)
    print("wrote results.json, trajectories.json, checks.json")


if __name__ == "__main__":
    main()
