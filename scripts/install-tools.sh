#!/usr/bin/env bash
# Installs every tool that building and testing Descent needs, and only what is missing:
#   - the Rust toolchain of rust-toolchain.toml with rustfmt, clippy and wasm32-unknown-unknown;
#   - wasm-bindgen-cli at exactly the version Cargo.toml pins for the wasm-bindgen crate;
#   - trunk (the wasm bundler), a fixed version;
#   - the npm packages of tests/package-lock.json into tests/node_modules: playwright-core,
#     puppeteer-core, selenium-webdriver and axe-core (browser tests) and binaryen, whose
#     wasm-opt trunk uses for release builds (callers put tests/node_modules/.bin first on
#     PATH; see Trunk.toml [tools]);
#   - for the tests (not with --serve): Debian's chromium, firefox-esr, webkit2gtk-driver and
#     xvfb (the cross-engine suite), through apt; Python 3.9 or later with venv and pip (the
#     Python package's wheel and tests; Debian's python3 and python3-venv when python3 lacks
#     them); the nightly Rust toolchain and cargo-fuzz (scripts/fuzz.sh).
#
#   scripts/install-tools.sh            everything scripts/test.sh needs
#   scripts/install-tools.sh --serve    only what scripts/serve.sh needs (no browsers, no fuzzing)
#
# Idempotent; prints nothing when everything is present, one line per thing it installs. On a
# fresh machine the downloads (apt, npm, rustup) run while cargo builds trunk and
# wasm-bindgen-cli, and those two build side by side, unoptimised for their size (see
# cargo_install): about 9 minutes on 2 cores instead of 19-24.
# Needs rustup, cargo, node and npm; apt-get (as root, or with sudo) for the Debian packages.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root" # so that rustup and cargo apply rust-toolchain.toml
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION="0.21.14"
CARGO_FUZZ_VERSION="0.13.2"

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

for_tests=true
case "${1:-}" in
  "") ;;
  --serve) for_tests=false ;;
  *) die "unknown argument '$1' (use --serve for what scripts/serve.sh needs only)" ;;
esac

# Jobs running in the background (downloads while cargo compiles), and their logs.
background_pids=()
background_names=()
log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT

# Runs "$@" in the background as job $1 (a name), its output in a log shown if it fails.
in_background() {
  local name="$1"
  shift
  ("$@") >"$log_dir/$name.log" 2>&1 &
  background_pids+=("$!")
  background_names+=("$name")
}

# Waits for every background job; exits with an error naming each one that failed.
wait_for_background() {
  local failed=() i
  for i in "${!background_pids[@]}"; do
    if ! wait "${background_pids[$i]}"; then
      failed+=("${background_names[$i]}")
      printf 'install-tools: %s failed:\n' "${background_names[$i]}" >&2
      tail -n 40 "$log_dir/${background_names[$i]}.log" >&2
    fi
  done
  background_pids=()
  background_names=()
  ((${#failed[@]} == 0)) || die "could not install: ${failed[*]}"
}

# cargo install, trying --locked first (reproducible). wasm-bindgen-cli's lock file can name a
# dependency version this registry does not offer; then resolve afresh. Tools are built for a
# short build, not for speed: no link-time optimisation (trunk asks for fat LTO with one
# codegen unit, which alone takes minutes on 2 cores), opt-level 1. They run for seconds in a
# test run either way.
cargo_install() {
  local crate="$1" version="$2"
  export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  export CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false
  if ! cargo +"$toolchain" install "$crate" --version "$version" --locked --force --quiet; then
    say "'cargo install --locked' failed for $crate $version; retrying without --locked"
    cargo +"$toolchain" install "$crate" --version "$version" --force --quiet
  fi
}

# --- Debian packages: browsers for the tests (in the background) -----------------------------
# chromium for the browser tests; firefox-esr, webkit2gtk-driver (WebKitWebDriver and
# MiniBrowser) and xvfb (MiniBrowser has no headless mode) for the cross-engine suite.
# (Not Debian's binaryen: its wasm-opt 108 breaks wasm-bindgen's output; see Trunk.toml.)
missing_packages=()
if $for_tests; then
  [[ -x /usr/bin/chromium ]] || missing_packages+=(chromium)
  [[ -x /usr/bin/firefox-esr ]] || missing_packages+=(firefox-esr)
  [[ -x /usr/bin/WebKitWebDriver ]] || missing_packages+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || missing_packages+=(xvfb)
  # (maturin and the test venv's packages come from PyPI: scripts/python-wheel.sh, python-venv.sh)
  if ! python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
    missing_packages+=(python3 python3-venv)
  fi
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
  apt_install() {
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_packages[@]}"
  }
  in_background apt apt_install
fi

# --- npm packages: browser tests and wasm-opt (in the background) ------------------------------
# Reinstall when tests/node_modules is missing or package.json / package-lock.json changed.
lock_stamp="tests/node_modules/.descent-lock-stamp"
if [[ -f tests/package-lock.json ]]; then
  wanted_stamp="$(cat tests/package.json tests/package-lock.json | cksum)"
else
  wanted_stamp="$(cksum <tests/package.json)"
fi
if [[ ! -d tests/node_modules || "$(cat "$lock_stamp" 2>/dev/null || true)" != "$wanted_stamp" ]]; then
  if [[ -f tests/package-lock.json ]]; then
    say "installing npm packages (npm ci in tests/: browser drivers, axe-core, binaryen)"
    npm_install() {
      (cd tests && npm ci --no-audit --no-fund --loglevel=error)
      printf '%s\n' "$wanted_stamp" >"$lock_stamp"
    }
  else
    say "installing npm packages (npm install in tests/; no lock file yet)"
    npm_install() {
      (cd tests && npm install --no-audit --no-fund --loglevel=error)
      cat tests/package.json tests/package-lock.json | cksum >"$lock_stamp"
    }
  fi
  in_background npm npm_install
fi

# --- nightly Rust for fuzzing (in the background) ---------------------------------------------
# cargo-fuzz's AddressSanitizer build needs nightly; scripts/fuzz.sh falls back to the stable
# toolchain without the sanitizer where none can be installed.
if $for_tests && ! rustup run nightly rustc --version >/dev/null 2>&1; then
  say "installing the nightly Rust toolchain (for cargo-fuzz)"
  install_nightly() {
    rustup toolchain install nightly --profile minimal ||
      echo "no nightly toolchain: scripts/fuzz.sh will fuzz without AddressSanitizer" >&2
  }
  in_background nightly install_nightly
fi

# --- wasm-bindgen-cli, at the version the workspace pins ------------------------------------
# Cargo.toml has `wasm-bindgen = "=X"` (or `{ version = "=X", ... }`) in [workspace.dependencies].
# The CLI must equal the crate version exactly, hence the exact pin.
bindgen_version="$(sed -n 's/^[[:space:]]*wasm-bindgen[[:space:]]*=.*"=[[:space:]]*\([0-9][0-9.]*[0-9]\)".*/\1/p' Cargo.toml | head -n 1)"
[[ -n "$bindgen_version" ]] ||
  die "found no exact pin 'wasm-bindgen = \"=X.Y.Z\"' in Cargo.toml; the wasm-bindgen CLI must equal the crate version"
installed_bindgen="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$installed_bindgen" != "$bindgen_version" ]]; then
  say "installing wasm-bindgen-cli $bindgen_version (found: ${installed_bindgen:-none}; takes a few minutes)"
  in_background wasm-bindgen-cli cargo_install wasm-bindgen-cli "$bindgen_version"
fi

# --- trunk --------------------------------------------------------------------------------
installed_trunk="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$installed_trunk" != "$TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (found: ${installed_trunk:-none}; takes about 6 minutes)"
  in_background trunk cargo_install trunk "$TRUNK_VERSION"
fi

# --- cargo-fuzz ---------------------------------------------------------------------------
if $for_tests && ! cargo fuzz --version >/dev/null 2>&1; then
  say "installing cargo-fuzz"
  in_background cargo-fuzz cargo_install cargo-fuzz "$CARGO_FUZZ_VERSION"
fi

wait_for_background
