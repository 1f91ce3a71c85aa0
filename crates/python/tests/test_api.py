"""trajectory() and sweep() through the installed wheel: the article's numbers, the CLI's runs
bit for bit, the CLI's messages, and the Python values the keys take."""

import json

import numpy as np
import pytest

import descent_explorer as de
from conftest import flags

# The figure's own keys, after the run's in keys().
FIGURE_ONLY = ("figure", "preset", "view", "log", "compare", "series", "t", "range", "kind", "grid", "show", "x", "y")

ARTICLE = dict(function="3*w1^2 + 10*w2^2", optimizer="rmsprop", lr=0.05, beta=0.9, eps=1e-8, start=[-15, 20])


def test_the_articles_first_steps_come_out_exactly():
    run = de.trajectory(**ARTICLE, steps=2)
    assert run.columns == ("t", "w1", "w2", "error", "g1", "g2", "s1", "s2")
    assert run.w1[2] == -14.727755788123446 and run.w2[2] == 19.727610500933032
    assert run.s1[2] == 1522.0137006351947 and run.s2[2] == 30148.017787186604
    assert run.stop is None and len(run) == 3
    assert all(run[c].dtype == np.float64 for c in run.columns)
    # One buffer: the columns are consecutive views of it.
    assert run.w1.base is run.t.base is not None


RUNS = [
    dict(ARTICLE, steps=300),
    dict(preset="rosenbrock", optimizer="adam", lr=0.02, steps=400),
    dict(preset="rosenbrock", optimizer="nesterov", convention="keras", steps=50),
    dict(optimizer="rmsprop", convention="pytorch", lr=0.01, steps=200),
    dict(data="overlap", optimizer="adam", lr=0.1, batch=8, seed=3, noise=0.5, schedule="cosine", steps=150),
    dict(optimizer="gd", lr=1, steps=300),  # diverges
    dict(preset="himmelblau", optimizer="momentum", tol=1e-3, steps=5000),  # converges
    dict(optimizer="adam", rotate=30, curvature=True, steps=40),
    dict(optimizer="lion", curvature=True, steps=10),  # no threshold for a sign-based optimizer
]


@pytest.mark.parametrize("keys", RUNS, ids=lambda k: ",".join(f"{a}={b}" for a, b in k.items())[:60])
def test_runs_equal_the_clis_bit_for_bit(keys, run_cli):
    status, stdout, stderr = run_cli("trajectory", "--format", "json", *flags(keys))
    assert status == 0, stderr
    expected = json.loads(stdout)
    run = de.trajectory(**keys)
    assert list(run.columns) == [k for k in expected if k != "stopped"]
    for column in run.columns:
        values = [np.nan if v is None else v for v in expected[column]]  # null: no value (NaN)
        np.testing.assert_array_equal(run[column], np.array(values, dtype=np.float64), err_msg=column)
    assert run.stop == expected["stopped"]
    if run.stop:
        assert stderr.strip() == f"descent: {run.stop}"


def test_a_diverging_run_says_why_and_keeps_its_finite_rows():
    run = de.trajectory(optimizer="gd", lr=1, steps=300)
    assert run.stop.startswith("diverged at step 120: the values overflowed to infinity")
    assert np.isfinite(run.w1).all() and len(run) == 120


SWEEPS = [
    dict(kind="starts", function="(1-w1)^2 + 100*(w2-w1^2)^2", lr=0.01, view=[-2, 2, -1, 3], grid=[6, 4], steps=500, tol=1e-3),
    dict(kind="params", optimizer="adam", x="lr=1e-4:1:log", y="beta1=0:0.99", start=[-1.2, 1], grid=5, steps=300),
]


@pytest.mark.parametrize("keys", SWEEPS, ids=["starts", "params"])
def test_sweeps_equal_the_clis_bit_for_bit(keys, run_cli):
    keys = dict(keys)
    kind = keys.pop("kind")
    status, stdout, stderr = run_cli("sweep", kind, "--format", "json", *flags(keys))
    assert status == 0, stderr
    expected = json.loads(stdout)
    result = de.sweep(kind=kind, **keys)
    assert list(result.columns) == list(expected)
    assert result.kind == kind and result.grid[0] * result.grid[1] == len(result)
    for column in result.columns:
        if column == "stop":
            codes = [0 if s is None else result.stop_reasons.index(s) + 1 for s in expected[column]]
            np.testing.assert_array_equal(result.stop, codes)
        else:
            values = [np.nan if v is None else v for v in expected[column]]
            np.testing.assert_array_equal(result[column], np.array(values, dtype=np.float64), err_msg=column)


def test_a_sweep_row_is_the_last_row_of_its_trajectory():
    result = de.sweep(kind="starts", preset="rosenbrock", optimizer="adam", lr=0.05, grid=3, steps=200)
    run = de.trajectory(preset="rosenbrock", optimizer="adam", lr=0.05, steps=200, start=[result.start1[4], result.start2[4]])
    assert (result.w1[4], result.w2[4], result.error[4]) == (run.w1[-1], run.w2[-1], run.error[-1])


BAD = [
    dict(optimizer="sgd"),
    dict(optimizer="gd", beta=0.9),
    dict(lr=-1),
    dict(start="1"),
    dict(steps="1e9"),
    dict(function="w1 +* 2"),
    dict(convention="jax"),
    dict(preset="bowl"),
]


@pytest.mark.parametrize("keys", BAD, ids=lambda k: str(k))
def test_errors_are_value_errors_with_the_clis_message(keys, run_cli):
    status, stdout, stderr = run_cli("trajectory", *flags(keys))
    assert status == 2 and stdout == ""
    message = stderr.strip().removeprefix("descent: ").removesuffix(" (see `descent --help`)")
    with pytest.raises(ValueError) as raised:
        de.trajectory(**keys)
    assert str(raised.value) == message


def test_an_unknown_optimizer_is_named_with_the_choices():
    with pytest.raises(ValueError, match=r"unknown optimizer `sgd`; choose one of gd, momentum, .*rmsprop, adam"):
        de.trajectory(optimizer="sgd")


def test_an_unknown_key_lists_the_vocabulary_as_the_js_api_does():
    with pytest.raises(ValueError) as raised:
        de.trajectory(colour="red")
    run_keys = [key for key, *_ in de.keys()][: -len(FIGURE_ONLY)]
    assert str(raised.value) == f"unknown parameter `colour`; the parameters are {', '.join(run_keys)}"


def test_python_values_become_the_vocabularys_text():
    reference = de.trajectory(**ARTICLE, steps=5)
    same = de.trajectory(
        function="3*w1^2 + 10*w2^2",
        optimizer="rmsprop",
        lr=np.float64(0.05),
        beta="0.9",
        eps=1e-8,
        start=np.array([-15.0, 20.0]),
        steps=np.int64(5),
        tol=None,  # None counts as missing
    )
    for column in reference.columns:
        np.testing.assert_array_equal(reference[column], same[column])
    with pytest.raises(ValueError, match="`start` must be text, a number or a sequence of numbers, not object"):
        de.trajectory(start=object())


def test_switches_take_booleans_numbers_and_text():
    on = [de.trajectory(curvature=value, steps=3) for value in (True, 1, "1", "true")]
    assert all(run.columns == on[0].columns for run in on) and "lambda1" in on[0].columns
    assert de.trajectory(curvature=False, steps=3).columns == de.trajectory(steps=3).columns


def test_results_read_as_attributes_items_and_pandas():
    run = de.trajectory(optimizer="adam", steps=3)
    assert run.columns[-4:] == ("m1", "m2", "v1", "v2")
    assert run.v1 is run["v1"]
    with pytest.raises(AttributeError, match="no column `s1`; the columns are t, w1"):
        run.s1
    with pytest.raises(KeyError):
        run["s1"]
    frame = run.to_pandas()
    assert list(frame.columns) == list(run.columns) and len(frame) == 4
    assert "Trajectory(4 rows" in repr(run)
    assert "v2" in dir(run)


def test_keys_come_from_the_optimizer_table(run_cli):
    keys = {key: (kind, choices) for key, kind, choices, _ in de.keys()}
    optimizers = keys["optimizer"][1]
    _, _, stderr = run_cli("trajectory", "--optimizer", "none")
    assert f"choose one of {', '.join(optimizers)} (see" in stderr
    assert keys["lr"][0] == "hyperparameter"
    assert keys["figure"] == ("choice", ["trajectory", "steps", "amplification", "sweep"])
    for name in optimizers:  # every optimizer of the table runs
        assert de.trajectory(optimizer=name, steps=2).stop is None
