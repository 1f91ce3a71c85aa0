#!/usr/bin/env bash
# Builds the Python package `descent-explorer` as one abi3 wheel (CPython 3.9 and later) and
# prints the wheel's path as its last line (everything else goes to stderr), so that
# `wheel="$(scripts/python-wheel.sh)"` works:
#   1. the widget's front end: the npm package (the tarball in $DESCENT_NPM_TARBALL, as
#      scripts/test.sh passes it, otherwise built by scripts/npm-pack.sh) unpacked, and its wasm
#      module, JS glue and custom element bundled with crates/python/js/widget.js into one ES
#      module (crates/python/js/bundle.mjs -> descent_explorer/static/widget.js);
#   2. the type stubs from core's vocabulary (cargo run -p descent-python --example stubs ->
#      descent_explorer/__init__.pyi);
#   3. maturin build --release: the PyO3 glue with the core compiled natively, in the
#      workspace's target directory, into target/wheels/.
# maturin comes from the build tools' venv (scripts/python-tools.sh: target/python/tools).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export PATH="$repo_root/tests/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

package="crates/python/python/descent_explorer"

say() { printf 'python-wheel: %s\n' "$*" >&2; }

python="${PYTHON:-python3}"
command -v "$python" >/dev/null || {
  printf 'python-wheel: error: %s is not on PATH (CPython 3.9 or later with venv and pip)\n' "$python" >&2
  exit 1
}

target_dir="$(cargo metadata --no-deps --format-version 1 |
  "$python" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"

# --- 1. the widget's front end, from the npm package ------------------------------------------
tarball="${DESCENT_NPM_TARBALL:-}"
if [[ -z "$tarball" ]]; then
  say "building the npm package (scripts/npm-pack.sh)"
  tarball="$(scripts/npm-pack.sh)"
fi
unpacked="$target_dir/python/npm"
rm -rf "$unpacked"
mkdir -p "$unpacked" "$package/static"
tar -xzf "$tarball" -C "$unpacked"
say "bundling the widget (crates/python/js/bundle.mjs, from $(basename "$tarball"))"
node crates/python/js/bundle.mjs "$unpacked/package" "$package/static/widget.js"

# --- 2. the type stubs ----------------------------------------------------------------------
say "generating the type stubs (cargo run -p descent-python --example stubs)"
cargo run --quiet -p descent-python --example stubs -- "$package"

# --- 3. the wheel -----------------------------------------------------------------------------
tools="$(scripts/python-tools.sh)"
say "building the wheel (maturin build --release)"
wheels="$target_dir/wheels"
rm -f "$wheels"/descent_explorer-*.whl
"$tools/maturin" build --quiet --release --manifest-path crates/python/Cargo.toml \
  --interpreter "$python" --out "$wheels" >&2
wheel="$(ls "$wheels"/descent_explorer-*.whl)"
printf '%s\n' "$wheel"
