#!/usr/bin/env bash
# Builds the npm package `descent-explorer` and prints the path of the tarball it wrote as its
# last line (everything else goes to stderr), so that `tarball="$(scripts/npm-pack.sh)"` works:
#   1. the two wasm modules (the first figures, and the engine with the JS API): trunk's from
#      $DESCENT_DIST when it names a built site, else cargo build --release (wasm32, the same
#      builds as trunk's), wasm-bindgen --target web, wasm-opt -Oz (binaryen from
#      tests/node_modules, as for the site);
#   2. the generated types (vocabulary.d.ts, from core's optimizer table):
#      cargo run -p descent-web --example typescript;
#   3. npm/ (package.json template, README, Node entry, hand-written types), www/'s JS API
#      module, custom element and its CSS, and the licenses, staged in target/npm/package/;
#   4. npm pack into target/npm/ (version, license and repository from the workspace).
# Publishes nothing: `npm publish target/npm/descent-explorer-X.Y.Z.tgz` does (see README).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export PATH="$repo_root/tests/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say() { printf 'npm-pack: %s\n' "$*" >&2; }

scripts/install-tools.sh --serve >&2

metadata="$(cargo metadata --no-deps --format-version 1)"
target_dir="$(node -e 'console.log(JSON.parse(process.argv[1]).target_directory)' "$metadata")"
out_dir="$target_dir/npm"
stage="$out_dir/package"
rm -rf "$stage"
mkdir -p "$stage"

# The two wasm modules, as the site has them (docs/performance.md, "The split"): taken from a
# site just built by trunk when $DESCENT_DIST names one (scripts/test.sh), else built here.
modules=(descent-web descent-web-engine)
if [[ -n "${DESCENT_DIST:-}" && -f "$DESCENT_DIST/descent-web_bg.wasm" && -f "$DESCENT_DIST/descent-web-engine_bg.wasm" ]]; then
  say "taking the wasm modules from $DESCENT_DIST (trunk's release build)"
  for module in "${modules[@]}"; do
    cp "$DESCENT_DIST/$module.js" "$DESCENT_DIST/${module}_bg.wasm" "$stage/"
  done
else
  say "building the wasm modules (cargo build --release --target wasm32-unknown-unknown)"
  cargo build --quiet --release --target wasm32-unknown-unknown -p descent-web \
    --no-default-features --features page
  cargo build --quiet --release --target wasm32-unknown-unknown -p descent-web-engine
  for module in "${modules[@]}"; do
    wasm-bindgen --target web --out-dir "$stage" --out-name "$module" --no-typescript \
      "$target_dir/wasm32-unknown-unknown/release/${module//-/_}.wasm"
    wasm-opt -Oz --output="$stage/${module}_bg.opt.wasm" "$stage/${module}_bg.wasm"
    mv "$stage/${module}_bg.opt.wasm" "$stage/${module}_bg.wasm"
  done
fi

say "generating vocabulary.d.ts (cargo run -p descent-web --example typescript)"
cargo run --quiet -p descent-web --example typescript -- "$stage"

cp npm/README.md npm/index.d.ts npm/element.d.ts npm/descent-node.js npm/descent-element-node.js \
  www/descent-api.js www/descent-element.js www/descent-element.css LICENSE-MIT LICENSE-APACHE \
  "$stage/"

# package.json: the template with the workspace's version, license and repository.
node --input-type=module -e '
  import { readFileSync, writeFileSync } from "node:fs";
  const [template, metadata, out] = process.argv.slice(1);
  const web = JSON.parse(metadata).packages.find((p) => p.name === "descent-web");
  const manifest = JSON.parse(readFileSync(template, "utf8"));
  manifest.version = web.version;
  manifest.license = web.license;
  if (web.repository) manifest.repository = { type: "git", url: web.repository };
  writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
' npm/package.json "$metadata" "$stage/package.json"

say "packing (npm pack)"
tarball="$(cd "$stage" && npm pack --pack-destination "$out_dir" --loglevel=warn)"
printf '%s\n' "$out_dir/$tarball"
