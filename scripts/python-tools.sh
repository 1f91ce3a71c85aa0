#!/usr/bin/env bash
# Makes the venv of the Python package's build tools, target/python/tools: maturin (builds the
# wheel) and uv (makes the test venv, about ten times faster than pip), at fixed versions from
# PyPI; made again only when a version below changes. Prints its bin directory as its last
# line (everything else goes to stderr): `tools="$(scripts/python-tools.sh)"`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
python="${PYTHON:-python3}"
TOOLS=("maturin==1.16.0" "uv==0.13.8")

command -v "$python" >/dev/null || {
  printf 'python-tools: error: %s is not on PATH (CPython 3.9 or later with venv and pip)\n' "$python" >&2
  exit 1
}
target_dir="$(cargo metadata --no-deps --format-version 1 |
  "$python" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
venv="$target_dir/python/tools"
stamp="$venv/.descent-tools-stamp"
wanted="$("$python" --version 2>&1) ${TOOLS[*]}"
if [[ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]]; then
  printf 'python-tools: installing %s (pip, into %s)\n' "${TOOLS[*]}" "$venv" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${TOOLS[@]}" >&2
  printf '%s\n' "$wanted" >"$stamp"
fi
printf '%s\n' "$venv/bin"
