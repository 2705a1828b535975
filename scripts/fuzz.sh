#!/usr/bin/env bash
# Runs one cargo-fuzz target for a given time: scripts/fuzz.sh TARGET SECONDS [LIBFUZZER ARGS...]
#
# Targets (fuzz/fuzz_targets/, bodies in fuzz/src/lib.rs): parse_note, config, inline.
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The toolchain is stable:
# RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its nightly-only flags (-Z sanitizer,
# coverage instrumentation). The library forbids unsafe code, so the default
# is no sanitizer (about twice the executions per second);
# SANITIZER=address runs under AddressSanitizer instead.
#
# Seeds: every note and leverage.yaml of example-vault/ and tests/fixtures/,
# plus the kept regression inputs (tests/fixtures/fuzz/TARGET/). New inputs go
# to fuzz/corpus/TARGET/ (not committed); a crash or timeout is written to
# fuzz/artifacts/TARGET/. To keep one as a regression test, minimise it
# (`RUSTC_BOOTSTRAP=1 cargo fuzz tmin -s none TARGET ARTIFACT`) and copy it to
# tests/fixtures/fuzz/TARGET/ (tests/it/fuzz_regressions.rs replays every file there).
#
# Limits: -timeout=5 makes a hang (any input taking over 5 s) a finding,
# -rss_limit_mb=2048 an allocation blow-up.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 TARGET SECONDS [LIBFUZZER ARGS...]" >&2
    exit 2
fi
target=$1
seconds=$2
shift 2

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
case $target in
    parse_note | inline)
        find example-vault tests/fixtures -name '*.md' -type f -size -64k -print0 |
            while IFS= read -r -d '' file; do
                cp "$file" "$seeds/$(printf '%s' "$file" | tr '/ ' '__')"
            done
        if [[ $target == inline ]]; then
            # One seed per list item: the tokenizers see one item's text.
            cat "$seeds"/* | grep -E '^\s*([-*+]|[0-9]+\.) ' | head -n 2000 | split -l 1 - "$seeds/item-" || true
        fi
        ;;
    config)
        find example-vault tests/fixtures -name 'leverage.yaml' -type f -print0 |
            while IFS= read -r -d '' file; do
                cp "$file" "$seeds/$(printf '%s' "$file" | tr '/ ' '__')"
            done
        ;;
    *)
        echo "unknown target $target (parse_note, config, inline)" >&2
        exit 2
        ;;
esac
if [[ -d tests/fixtures/fuzz/$target ]]; then
    cp tests/fixtures/fuzz/"$target"/* "$seeds"/ 2>/dev/null || true
fi
mkdir -p "fuzz/corpus/$target"

# KEEP_GOING=1: run in a child process (libFuzzer's -fork=1) and carry on
# after a crash or timeout, collecting every artifact, instead of stopping at
# the first one.
keep_going=()
if [[ ${KEEP_GOING:-0} == 1 ]]; then
    keep_going=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi

RUSTC_BOOTSTRAP=1 cargo fuzz run \
    --sanitizer "${SANITIZER:-none}" \
    --fuzz-dir fuzz \
    "$target" "fuzz/corpus/$target" "$seeds" -- \
    -max_total_time="$seconds" \
    -timeout=5 \
    -rss_limit_mb=2048 \
    -max_len="${MAX_LEN:-16384}" \
    -dict=fuzz/dict/leverage.dict \
    -print_final_stats=1 \
    "${keep_going[@]}" \
    "$@"
