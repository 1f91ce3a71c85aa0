#!/usr/bin/env bash
# Makes the venv the Python package's tests run in and installs the wheel WHEEL into it; prints
# the venv's python as its last line (everything else goes to stderr), so that
# `DESCENT_PYTHON="$(scripts/python-venv.sh "$wheel")"` works:
#   - target/python/venv, with crates/python/requirements-test.txt (numpy, anywidget, pandas,
#     pytest, mypy, jupyterlab, nbconvert) from PyPI; made again only when that file changes;
#   - the wheel, installed afresh each time (pip --force-reinstall --no-deps).
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
stamp="$venv/.descent-requirements-stamp"
wanted="$("$python" --version 2>&1) $(cksum <"$requirements")"
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]]; then
  say "making $venv ($requirements from PyPI)"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
  printf '%s\n' "$wanted" >"$stamp"
fi
say "installing $(basename "$wheel")"
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheel" >&2
printf '%s\n' "$venv/bin/python"
