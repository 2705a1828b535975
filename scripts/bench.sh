#!/usr/bin/env bash
# Whole-process benchmarks: `leverage build`, `check`, `export` on generated
# vaults of 1, 10 and 30 years, against Hugo rendering the same Markdown and
# against a floor (read + pulldown-cmark), plus `leverage watch` latency when
# the command exists. One command on a fresh machine:
#
#   scripts/bench.sh [--runs N] [--years "1 10 30"] [--work DIR] [--keep]
#
# The generated vaults and sites are removed at the end (they take about
# 1 GB for 30 years) unless --keep; results.json stays in the work folder.
# Installs what is missing (Debian's `time` and `hugo`), builds once with
# `cargo build --release`, generates the vaults, then scripts/bench.py times
# everything and prints one table. See BENCHMARKS.md for what it measures.
set -euo pipefail

runs=5
years="1 10 30"
work="${TMPDIR:-/tmp}/leverage-bench"
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --years) years="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v hugo >/dev/null || missing+=(hugo)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing ${missing[*]} with apt-get" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cargo build --release --bin leverage --example gen_vault --example floor
bin="$(pwd)/target/release"

mkdir -p "$work"
work="$(cd "$work" && pwd)"
for y in $years; do
    vault="$work/vault-$y"
    rm -rf "$vault"
    "$bin/examples/gen_vault" "$vault" --years "$y"
    # Hugo renders the same files as plain pages: no taxonomies, feeds or sitemap.
    site="$work/hugo-$y"
    mkdir -p "$site/layouts/_default"
    cat > "$site/hugo.toml" <<TOML
baseURL = "http://localhost/"
title = "bench"
contentDir = "$vault"
publishDir = "$work/hugo-out-$y"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
# Outcome notes have Obsidian's \`aliases:\`; for Hugo they would be redirect pages.
disableAliases = true
TOML
    cat > "$site/layouts/_default/single.html" <<'HTML'
<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>
HTML
    cat > "$site/layouts/_default/list.html" <<'HTML'
<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1></body></html>
HTML
done

# shellcheck disable=SC2086 # one argument per year
python3 scripts/bench.py --bin "$bin" --work "$work" --runs "$runs" --years $years
if [ "$keep" -eq 0 ]; then
    for y in $years; do
        rm -rf "$work/vault-$y" "$work/site-$y" "$work/watch-site-$y" "$work/hugo-$y" "$work/hugo-out-$y"
    done
fi
