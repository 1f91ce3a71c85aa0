"""The packaging path: the wheel that scripts/python-wheel.sh built ($DESCENT_WHEEL), installed
with pip into a fresh venv (numpy comes with it from the index), gives the article's numbers,
with the stubs and the widget's front end inside it."""

import os
import pathlib
import subprocess
import venv
import zipfile

import pytest

WHEEL = os.environ.get("DESCENT_WHEEL")
if not WHEEL and os.environ.get("CI"):
    raise RuntimeError("DESCENT_WHEEL is required in CI (scripts/test.sh sets it)")
pytestmark = pytest.mark.skipif(not WHEEL, reason="set DESCENT_WHEEL to the built wheel (scripts/test.sh does)")

CHECK = """
import descent_explorer, numpy
run = descent_explorer.trajectory(function="3*w1^2 + 10*w2^2", optimizer="rmsprop", lr=0.05,
                                  beta=0.9, eps=1e-8, start=[-15, 20], steps=2)
print(run.w1[2], run.w2[2], run.s1[2], run.s2[2], type(run.w1).__name__, descent_explorer.__version__)
"""


def test_one_abi3_wheel_with_the_stubs_and_the_front_end():
    name = pathlib.Path(WHEEL).name
    assert name.startswith("descent_explorer-") and "-cp39-abi3-" in name, name
    files = zipfile.ZipFile(WHEEL).namelist()
    for inside in ("descent_explorer/__init__.pyi", "descent_explorer/py.typed", "descent_explorer/static/widget.js"):
        assert inside in files, inside
    assert any(f.startswith("descent_explorer/_native.") and f.endswith(".so") for f in files), files


def test_pip_install_in_a_fresh_venv_gives_the_articles_numbers(tmp_path):
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", WHEEL],
        check=True,
    )
    done = subprocess.run([python, "-c", CHECK], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[:5] == [
        "-14.727755788123446",
        "19.727610500933032",
        "1522.0137006351947",
        "30148.017787186604",
        "ndarray",
    ], done.stdout
