"""The type stubs (generated from the vocabulary) are what a type checker reads: mypy accepts
the documented calls and names a misspelt key, an unknown optimizer and a wrong value type."""

import pathlib
import shutil
import subprocess
import sys

import pytest

import descent_explorer

STUBS = pathlib.Path(descent_explorer.__file__).with_name("__init__.pyi")

GOOD = """
from descent_explorer import Figure, sweep, trajectory
run = trajectory(function="3*w1^2 + 10*w2^2", optimizer="rmsprop", lr=0.05, start=[-15, 20], steps=2)
first: float = run.w1[0]
reason: str | None = run.stop
frame = run.to_pandas()
cells = sweep(kind="params", optimizer="adam", x="lr=1e-4:1:log", y="beta1=0:0.99", grid=(32, 16))
codes = cells.stop
fig = Figure(figure="trajectory", preset="rosenbrock", optimizer="adam", lr=0.02)
fig.lr = 0.1
picture: bytes = fig.png()
"""

BAD = """
from descent_explorer import Figure, trajectory
trajectory(optimiser="adam")
trajectory(optimizer="sgd")
trajectory(steps=[1, 2])
Figure(figure="bars")
"""


def mypy(tmp_path, source):
    if shutil.which("mypy") is None and subprocess.run([sys.executable, "-m", "mypy", "--version"], capture_output=True).returncode:
        pytest.fail("mypy is not installed in the test venv (crates/python/requirements-test.txt)")
    path = tmp_path / "check.py"
    path.write_text(source)
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--python-version", "3.10", str(path)],
        capture_output=True,
        text=True,
    )
    return done.returncode, done.stdout


def test_the_stubs_are_in_the_package():
    assert STUBS.is_file() and (STUBS.parent / "py.typed").is_file()
    text = STUBS.read_text()
    for key, *_ in descent_explorer.keys():
        assert f"\n    {key}: " in text, key


def test_a_type_checker_reads_them(tmp_path):
    status, output = mypy(tmp_path, GOOD + BAD)
    assert status == 1, output
    lines = [line for line in output.splitlines() if ": error:" in line]
    good_lines = GOOD.count("\n")
    assert all(int(line.split(":")[1]) > good_lines for line in lines), output
    assert 'Unexpected keyword argument "optimiser"' in output
    assert "'sgd'" in output and "'bars'" in output
    assert 'Argument "steps"' in output
    assert len(lines) == 4, output
