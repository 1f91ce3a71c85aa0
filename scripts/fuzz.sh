#!/usr/bin/env bash
# Fuzzes descent-core with cargo-fuzz (libFuzzer): every target in fuzz/ for SECONDS each.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     SECONDS defaults to 60; TARGETs to all of them
# scripts/install-tools.sh installs what is missing: the nightly toolchain (cargo-fuzz's
# AddressSanitizer build needs it; where none can be installed, the pinned stable toolchain
# fuzzes without the sanitizer) and cargo-fuzz. Each target starts from its seed corpus in fuzz/corpus/<target>/ and adds
# the new inputs it finds there (git ignores all but the seed-* files). A crash leaves its
# input in fuzz/artifacts/<target>/ and the run's output in fuzz/artifacts/<target>.log, and
# makes this script exit non-zero after the other targets have run. See fuzz/README.md.
set -euo pipefail

duration="${1:-60}"
if ! [[ "$duration" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]  (SECONDS: a whole number > 0, not '$duration')" >&2
  exit 2
fi
shift $(($# > 0 ? 1 : 0))

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

scripts/install-tools.sh # nightly and cargo-fuzz, as for scripts/test.sh

# The toolchain: nightly with AddressSanitizer, else the pinned stable one without it.
toolchain=()
sanitizer=none
if rustup run nightly rustc --version >/dev/null 2>&1; then
  toolchain=(+nightly)
  sanitizer=address
else
  echo "fuzz: no nightly toolchain: fuzzing on the stable toolchain without AddressSanitizer" \
    "(debug assertions and overflow checks stay on)" >&2
fi

# How to call it, for messages: "cargo +nightly fuzz" or "cargo fuzz".
cargo_fuzz="cargo${toolchain[*]:+ ${toolchain[*]}} fuzz"

if [[ $# -gt 0 ]]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo "${toolchain[@]}" fuzz list)
fi
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "fuzz: no fuzz targets found in fuzz/" >&2
  exit 1
fi

# One build for every target, so that the time each target runs is fuzzing only.
build_started=$SECONDS
echo "fuzz: building ${targets[*]} ($cargo_fuzz build --sanitizer $sanitizer)"
cargo "${toolchain[@]}" fuzz build --sanitizer "$sanitizer"
echo "fuzz: built in $((SECONDS - build_started)) s"

# The value of libFuzzer's final statistic $1 in log file $2 ('?' if missing).
final_stat() {
  local value
  value="$(sed -n "s/^stat::$1: *\([0-9]*\).*/\1/p" "$2" | tail -n 1)"
  echo "${value:-?}"
}

mkdir -p fuzz/artifacts
summary=()
failed=()
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  log="fuzz/artifacts/$target.log"
  mkdir -p "$corpus"
  echo
  echo "==== fuzz: $target for $duration s (corpus $corpus: $(find "$corpus" -type f | wc -l) files) ===="
  started=$SECONDS
  status=0
  cargo "${toolchain[@]}" fuzz run --sanitizer "$sanitizer" "$target" "$corpus" -- \
    -max_total_time="$duration" -max_len=4096 -rss_limit_mb=2048 -timeout=30 \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  ran=$((SECONDS - started))
  runs="$(final_stat number_of_executed_units "$log")"
  per_second="$(final_stat average_exec_per_sec "$log")"
  # libFuzzer's last line: "Done 841376 runs in 60 second(s)".
  fuzzed="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)"
  line="$target: ran ${ran} s (fuzzing ${fuzzed:-?} s), ${runs} executions, ${per_second} exec/s"
  if [[ $status -ne 0 ]]; then
    echo "---- last lines of $log ----"
    tail -n 60 "$log"
    echo "----"
    line="$line; FAILED (exit $status): input in fuzz/artifacts/$target/, output in $log"
    failed+=("$target")
  fi
  echo "$line"
  summary+=("$line")
done

echo
echo "==== fuzz summary ($duration s per target, sanitizer: $sanitizer) ===="
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: failures in ${failed[*]}: reproduce a crash with" \
    "'$cargo_fuzz run <target> fuzz/artifacts/<target>/<crash file>'," \
    "then add a test to crates/core/tests/fuzz_regressions.rs (fuzz/README.md)" >&2
  exit 1
fi
