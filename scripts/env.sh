# The environment scripts/serve.sh and scripts/test.sh share; source it, do not run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# - works from the repository root (so rustup and cargo apply rust-toolchain.toml);
# - puts cargo's bin directory first on PATH (rustup, cargo, wasm-bindgen, trunk), and ahead
#   of it tests/node_modules/.bin, where binaryen's wasm-opt 132 comes from (Debian's 108
#   breaks wasm-bindgen's externref table; Trunk.toml [tools] pins version_132);
# - turns trunk's update check off, the only network access it would make.
# Sets `repo_root`.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export PATH="$repo_root/tests/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
