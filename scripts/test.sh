#!/usr/bin/env bash
# Runs every test of Descent, the same way locally and in CI (.ci/run runs exactly this):
#   1. installs missing tools            scripts/install-tools.sh
#   2. formatting                        cargo fmt --all -- --check
#   3. lints                             cargo clippy --workspace --all-targets -- -D warnings
#   4. Rust tests                        cargo test --workspace
#      fuzzing                           scripts/fuzz.sh 20 (each cargo-fuzz target for 20 s)
#   5. the site                          trunk build --release            (into dist/)
#      the npm package                   scripts/npm-pack.sh              (target/npm/*.tgz)
#   6. the Python package                scripts/python-wheel.sh (target/wheels/*.whl, its widget
#                                        from the npm package), scripts/python-venv.sh, pytest
#   7. browser tests                     node --test, in tests/          (headless Chromium, and
#                                        Firefox ESR and WebKitGTK in engines.test.mjs;
#                                        npm.test.mjs installs and tests the package's tarball,
#                                        jupyterlab.test.mjs the Python widget in JupyterLab)
# Stops at the first failure with a non-zero exit status. Prints each section's seconds, and all
# of them at the end (docs/testing.md records a fresh machine's).
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh" # repo root, PATH (cargo, npm's wasm-opt), trunk
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# A test run builds everything once: no incremental caches to write, and line tables only for
# debug builds (backtraces keep their file:line; full debug info made the test build slower).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}"

started=$SECONDS
step_started=$SECONDS
current_step=""

times=()

section() {
  if [[ -n "$current_step" ]]; then
    printf '     (%s: %ds)\n' "$current_step" $((SECONDS - step_started))
    times+=("$(printf '%5ds  %s' $((SECONDS - step_started)) "$current_step")")
  fi
  current_step="$1"
  step_started=$SECONDS
  printf '\n==== %s ====\n' "$1"
}

on_exit() {
  local status=$?
  if ((status != 0)); then
    printf '\n==== FAILED: %s (exit status %d, after %ds) ====\n' "${current_step:-setup}" "$status" \
      $((SECONDS - started)) >&2
  fi
}
trap on_exit EXIT

section "Tools (scripts/install-tools.sh)"
scripts/install-tools.sh
printf 'rustc %s | wasm-bindgen %s | trunk %s | wasm-opt %s | node %s | %s\n' \
  "$(rustc --version | awk '{print $2}')" "$(wasm-bindgen --version | awk '{print $2}')" \
  "$(trunk --version | awk '{print $2}')" "$(wasm-opt --version | awk '{print $3}')" \
  "$(node --version)" "$(/usr/bin/chromium --version 2>/dev/null | head -n 1)"

section "Formatting (cargo fmt --all -- --check)"
cargo fmt --all -- --check

section "Lints (cargo clippy --workspace --all-targets -- -D warnings; the web crate for wasm32 too)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p descent-web --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p descent-python --all-targets --features python -- -D warnings # the PyO3 glue

section "Rust tests (cargo test --workspace)"
cargo test --workspace

section "Fuzzing (scripts/fuzz.sh 20: each cargo-fuzz target for 20 s)"
scripts/fuzz.sh 20

section "Site (trunk build --release -> dist/)"
cargo fetch --quiet # trunk builds with --offline (Trunk.toml): all crates, wasm32 ones too
trunk build --release
ls -l dist

section "npm package (scripts/npm-pack.sh -> target/npm/descent-explorer-*.tgz)"
# The same release build of the wasm module as trunk's; tests/npm.test.mjs installs this tarball.
DESCENT_NPM_TARBALL="$(DESCENT_DIST="$repo_root/dist" scripts/npm-pack.sh)"
export DESCENT_NPM_TARBALL
ls -l "$DESCENT_NPM_TARBALL"

section "Python package (scripts/python-wheel.sh -> target/wheels/*.whl; pytest in a venv)"
# The wheel's widget bundles the npm package built above; the venv has the wheel, JupyterLab
# and the test tools. jupyterlab.test.mjs (browser tests) runs JupyterLab from DESCENT_PYTHON.
DESCENT_WHEEL="$(scripts/python-wheel.sh)"
DESCENT_PYTHON="$(scripts/python-venv.sh "$DESCENT_WHEEL")"
export DESCENT_WHEEL DESCENT_PYTHON
"$DESCENT_PYTHON" -m pytest -q -p no:cacheprovider crates/python/tests

section "Browser tests (node --test in tests/, headless Chromium)"
(cd tests && DESCENT_DIST="$repo_root/dist" node --test)

section "Done"
printf '%s\n' "${times[@]}"
printf 'All checks passed in %ds.\n' $((SECONDS - started))
