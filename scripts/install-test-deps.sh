#!/usr/bin/env bash
# Installs what the browser tests (tests/it/browser.rs) need beyond Rust:
# headless Chromium at /usr/bin/chromium, and a font for its screenshots.
# The README's `cargo test` needs none of it; then run
#
#   cargo test --test it -- --ignored browser::
#
# Idempotent: when everything is there it only says so. Otherwise it needs
# apt-get (Debian, Ubuntu) and root, or sudo.
set -euo pipefail

chromium=/usr/bin/chromium
font=fonts-dejavu-core

missing=()
if [ ! -x "$chromium" ]; then
  missing+=(chromium)
fi
# A screenshot with no font at all is boxes. fontconfig pulls in some font on
# Debian, but name one rather than rely on that.
if command -v dpkg-query >/dev/null 2>&1 &&
  ! dpkg-query -W -f='${Status}' "$font" 2>/dev/null | grep -q 'ok installed'; then
  missing+=("$font")
fi

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-test-deps: chromium at $chromium and a font are there, nothing to do"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: missing ${missing[*]}, and there is no apt-get here:" \
    "install Chromium so that $chromium exists, and a font" >&2
  exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "install-test-deps: installing ${missing[*]} needs root: run this script as root" >&2
    exit 1
  fi
fi

echo "install-test-deps: installing ${missing[*]} with apt-get"
# A fresh machine (or container) has empty package lists: update first.
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

if [ ! -x "$chromium" ]; then
  echo "install-test-deps: apt-get installed chromium, but $chromium is still missing" >&2
  exit 1
fi
echo "install-test-deps: $("$chromium" --version 2>/dev/null || echo chromium) at $chromium"
