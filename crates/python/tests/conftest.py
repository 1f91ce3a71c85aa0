"""Fixtures of the Python package's tests. They test the installed wheel (scripts/test.sh
installs it into a venv and runs pytest there), and compare it with the `descent` binary,
which cargo builds here unless $DESCENT_CLI names one."""

import json
import os
import pathlib
import subprocess

import pytest

REPO_ROOT = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def descent_cli():
    """The `descent` binary: $DESCENT_CLI, else cargo's debug build (built once)."""
    if os.environ.get("DESCENT_CLI"):
        return os.environ["DESCENT_CLI"]
    subprocess.run(
        ["cargo", "build", "--quiet", "-p", "descent-cli", "--bin", "descent"],
        cwd=REPO_ROOT,
        check=True,
    )
    metadata = subprocess.run(
        ["cargo", "metadata", "--no-deps", "--format-version", "1"],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return str(pathlib.Path(json.loads(metadata.stdout)["target_directory"]) / "debug" / "descent")


def flags(keys):
    """Keyword arguments as the CLI's flags (`weight_decay` → `--weight-decay`, lists joined)."""
    out = []
    for key, value in keys.items():
        if value is True:  # a switch: a flag without a value
            out.append(f"--{key.replace('_', '-')}")
            continue
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        out += [f"--{key.replace('_', '-')}", str(value)]
    return out


@pytest.fixture(scope="session")
def run_cli(descent_cli):
    """Runs `descent ARGS…`: (exit status, stdout, stderr)."""

    def run(*args):
        done = subprocess.run([descent_cli, *args], capture_output=True, text=True)
        return done.returncode, done.stdout, done.stderr

    return run
