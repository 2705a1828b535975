#!/usr/bin/env bash
# Installs what `cargo test` needs beyond Rust: headless Chromium at
# /usr/bin/chromium, for the browser tests in tests/it/site.rs.
# Idempotent: when everything is there it only says so. Needs root (or sudo)
# and apt-get only when something is missing.
set -euo pipefail

chromium=/usr/bin/chromium

if [ -x "$chromium" ]; then
  echo "chromium: already installed at $chromium, nothing to do"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: missing, and there is no apt-get here: install Chromium so that $chromium exists" >&2
  echo "(or run the tests with LEVERAGE_SKIP_BROWSER=1 to skip the browser tests)" >&2
  exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "chromium: missing, and installing it needs root: run this script as root" >&2
    exit 1
  fi
fi

echo "chromium: missing, installing it with apt-get"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq chromium >/dev/null

if [ ! -x "$chromium" ]; then
  echo "chromium: apt-get installed the package, but $chromium is still missing" >&2
  exit 1
fi
echo "chromium: installed at $chromium"
