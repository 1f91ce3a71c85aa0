#!/usr/bin/env bash
# Installs every tool that building and testing Descent needs, and only what is missing:
#   - the Rust toolchain of rust-toolchain.toml with rustfmt, clippy and wasm32-unknown-unknown;
#   - wasm-bindgen-cli at exactly the version Cargo.toml pins for the wasm-bindgen crate;
#   - trunk (the wasm bundler), a fixed version;
#   - Debian's chromium (browser tests), through apt;
#   - Python 3.9 or later with venv and pip (the Python package's wheel and tests; Debian's
#     python3 and python3-venv, through apt, when python3 lacks them);
#   - the npm packages of tests/package-lock.json into tests/node_modules: playwright-core and
#     axe-core (browser tests) and binaryen, whose wasm-opt trunk uses for release builds
#     (callers put tests/node_modules/.bin first on PATH; see Trunk.toml [tools]).
# Idempotent; prints nothing when everything is present, one line per thing it installs.
# Needs rustup, cargo, node and npm; apt-get (as root, or with sudo) for the Debian packages.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root" # so that rustup and cargo apply rust-toolchain.toml
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION="0.21.14"

say() { printf 'install-tools: %s\n' "$*"; }
die() {
  printf 'install-tools: error: %s\n' "$*" >&2
  exit 1
}

for tool in rustup cargo node npm; do
  command -v "$tool" >/dev/null || die "'$tool' is not on PATH; install it first (Rust: rustup.rs; Node.js 20+ with npm)"
done

# --- Rust toolchain -----------------------------------------------------------------------
toolchain="$(sed -n 's/^[[:space:]]*channel[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' rust-toolchain.toml)"
[[ -n "$toolchain" ]] || die "no channel = \"...\" in rust-toolchain.toml"

# (Listings are read into variables first: `cmd | grep -q` can fail under pipefail.)
installed_toolchains="$(rustup toolchain list)"
if ! grep -q "^${toolchain}[-[:space:]]" <<<"$installed_toolchains"; then
  say "installing Rust toolchain $toolchain"
  rustup toolchain install "$toolchain" --profile minimal \
    --component rustfmt --component clippy --target wasm32-unknown-unknown
fi
installed_components="$(rustup component list --installed --toolchain "$toolchain")"
for component in rustfmt clippy; do
  if ! grep -q "^${component}" <<<"$installed_components"; then
    say "adding $component to Rust $toolchain"
    rustup component add "$component" --toolchain "$toolchain"
  fi
done
installed_targets="$(rustup target list --installed --toolchain "$toolchain")"
if ! grep -qx 'wasm32-unknown-unknown' <<<"$installed_targets"; then
  say "adding target wasm32-unknown-unknown to Rust $toolchain"
  rustup target add wasm32-unknown-unknown --toolchain "$toolchain"
fi

# cargo install, trying --locked first (reproducible). wasm-bindgen-cli's lock file can name a
# dependency version this registry does not offer; then resolve afresh.
cargo_install() {
  local crate="$1" version="$2"
  if ! cargo +"$toolchain" install "$crate" --version "$version" --locked --force --quiet; then
    say "'cargo install --locked' failed for $crate $version; retrying without --locked"
    cargo +"$toolchain" install "$crate" --version "$version" --force --quiet
  fi
}

# --- wasm-bindgen-cli, at the version the workspace pins ------------------------------------
# Cargo.toml has `wasm-bindgen = "=X"` (or `{ version = "=X", ... }`) in [workspace.dependencies].
# The CLI must equal the crate version exactly, hence the exact pin.
bindgen_version="$(sed -n 's/^[[:space:]]*wasm-bindgen[[:space:]]*=.*"=[[:space:]]*\([0-9][0-9.]*[0-9]\)".*/\1/p' Cargo.toml | head -n 1)"
[[ -n "$bindgen_version" ]] ||
  die "found no exact pin 'wasm-bindgen = \"=X.Y.Z\"' in Cargo.toml; the wasm-bindgen CLI must equal the crate version"
installed_bindgen="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$installed_bindgen" != "$bindgen_version" ]]; then
  say "installing wasm-bindgen-cli $bindgen_version (found: ${installed_bindgen:-none}; takes a few minutes)"
  cargo_install wasm-bindgen-cli "$bindgen_version"
fi

# --- trunk --------------------------------------------------------------------------------
installed_trunk="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$installed_trunk" != "$TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (found: ${installed_trunk:-none}; takes about 6 minutes)"
  cargo_install trunk "$TRUNK_VERSION"
fi

# --- Debian packages: chromium for the browser tests, Python for the Python package -----------
# (Not Debian's binaryen: its wasm-opt 108 breaks wasm-bindgen's output; see Trunk.toml.)
missing_packages=()
[[ -x /usr/bin/chromium ]] || missing_packages+=(chromium)
# (maturin and the test venv's packages come from PyPI: scripts/python-wheel.sh, python-venv.sh)
if ! python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
  missing_packages+=(python3 python3-venv)
fi
if ((${#missing_packages[@]})); then
  command -v apt-get >/dev/null ||
    die "missing ${missing_packages[*]} and no apt-get here; install them with your package manager"
  sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "installing ${missing_packages[*]} needs root or sudo"
    sudo=(sudo)
  fi
  say "installing Debian packages: ${missing_packages[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    "${missing_packages[@]}" >/dev/null
fi

# --- npm packages: browser tests and wasm-opt -------------------------------------------------
# Reinstall when tests/node_modules is missing or package.json / package-lock.json changed.
lock_stamp="tests/node_modules/.descent-lock-stamp"
if [[ -f tests/package-lock.json ]]; then
  wanted_stamp="$(cat tests/package.json tests/package-lock.json | cksum)"
else
  wanted_stamp="$(cksum <tests/package.json)"
fi
if [[ ! -d tests/node_modules || "$(cat "$lock_stamp" 2>/dev/null || true)" != "$wanted_stamp" ]]; then
  if [[ -f tests/package-lock.json ]]; then
    say "installing npm packages (npm ci in tests/: playwright-core, axe-core, binaryen)"
    (cd tests && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  else
    say "installing npm packages (npm install in tests/; no lock file yet)"
    (cd tests && npm install --no-audit --no-fund --loglevel=error >/dev/null)
    wanted_stamp="$(cat tests/package.json tests/package-lock.json | cksum)"
  fi
  printf '%s\n' "$wanted_stamp" >"$lock_stamp"
fi
