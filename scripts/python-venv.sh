#!/usr/bin/env bash
# Makes the venv the Python package's tests run in and installs the wheel WHEEL into it; prints
# the venv's python as its last line (everything else goes to stderr), so that
# `DESCENT_PYTHON="$(scripts/python-venv.sh "$wheel")"` works:
#   - target/python/venv, with crates/python/requirements-test.txt (numpy, anywidget, pandas,
#     pytest, mypy, jupyterlab, nbconvert) from PyPI; made again only when that file changes;
#   - the wheel, installed afresh each time (--reinstall --no-deps).
# uv (from scripts/python-tools.sh) makes the venv and installs into it: it downloads in
# parallel, and takes seconds where pip takes a minute or two.
# The packaging test (crates/python/tests/test_packaging.py) installs the wheel into a venv of
# its own with nothing else in it.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
wheel="${1:?usage: scripts/python-venv.sh WHEEL}"
python="${PYTHON:-python3}"
requirements="crates/python/requirements-test.txt"

say() { printf 'python-venv: %s\n' "$*" >&2; }

target_dir="$(cargo metadata --no-deps --format-version 1 |
  "$python" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
venv="$target_dir/python/venv"
tools="$(scripts/python-tools.sh)"
stamp="$venv/.descent-requirements-stamp"
wanted="$("$python" --version 2>&1) $(cksum <"$requirements")"
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]]; then
  say "making $venv ($requirements from PyPI)"
  rm -rf "$venv"
  UV_PYTHON_DOWNLOADS=never "$tools/uv" venv --quiet --python "$(command -v "$python")" "$venv" >&2
  "$tools/uv" pip install --quiet --python "$venv/bin/python" -r "$requirements" >&2
  printf '%s\n' "$wanted" >"$stamp"
fi
say "installing $(basename "$wheel")"
"$tools/uv" pip install --quiet --python "$venv/bin/python" --reinstall --no-deps "$wheel" >&2
printf '%s\n' "$venv/bin/python"
