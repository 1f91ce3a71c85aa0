#!/usr/bin/env bash
# Serves the Descent explorer on http://127.0.0.1:$PORT/ (PORT defaults to 8080).
#
#   scripts/serve.sh           release build into dist/, then serve dist/ exactly as a static
#                              host would, with the page's strict Content-Security-Policy
#   scripts/serve.sh --watch   `trunk serve`: dev build, rebuilt and reloaded on every change
#                              (Trunk's server: no CSP header)
#
# Installs the missing tools first (scripts/install-tools.sh --serve). Ctrl-C stops.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh" # repo root, PATH (cargo, npm's wasm-opt), trunk

port="${PORT:-8080}"
mode="static"
case "${1:-}" in
  "") ;;
  --watch) mode="watch" ;;
  -h | --help)
    sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "serve.sh: unknown argument '$1' (try --help)" >&2
    exit 2
    ;;
esac

scripts/install-tools.sh --serve
cargo fetch --quiet # trunk builds with --offline (Trunk.toml)

url="http://127.0.0.1:${port}/"
if [[ "$mode" == "watch" ]]; then
  echo
  echo "    Descent (trunk serve, rebuilds on change): ${url}"
  echo
  exec trunk serve --release=false --port "$port"
fi

trunk build --release
echo
echo "    Descent: ${url}"
echo
exec node tests/support/server.mjs --root dist --base / --port "$port" --host 127.0.0.1
