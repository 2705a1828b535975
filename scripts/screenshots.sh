#!/usr/bin/env bash
# Regenerates docs/screenshots/: the dashboard, a week, a fortnight, a month
# and an outcome page of the example vault, at 390×844 (a phone) and
# 1366×900 (a laptop), light and dark, with headless Chromium; and the
# dashboard of tests/fixtures/noisy (a first run on notes written without
# durations or categories), whose "What was read" section comes first.
#   scripts/screenshots.sh            # needs chromium (scripts/install-test-deps.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}
site=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$site" "$profile"' EXIT
cargo run --quiet --release -- build example-vault -o "$site/out" --as-of 2026-11-13 >/dev/null
out=docs/screenshots
mkdir -p "$out"
pages=(
  "dashboard index.html"
  "week weeks/2026-W46.html"
  "fortnight fortnights/2026-F23.html"
  "month months/2026-11.html"
  "outcome outcomes/outcomes/newsletter-growth.html"
)
for entry in "${pages[@]}"; do
  read -r name page <<<"$entry"
  for size in 390,844 1366,900; do
    for theme in light dark; do
      flags=()
      [ "$theme" = dark ] && flags+=(--force-dark-mode)
      file="$out/$name-${size%%,*}-$theme.png"
      "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        --user-data-dir="$profile" --window-size="$size" "${flags[@]}" \
        --screenshot="$file" "file://$site/out/$page" 2>/dev/null
      echo "$file"
    done
  done
done
cargo run --quiet --release -- build tests/fixtures/noisy -o "$site/noisy" --as-of 2026-10-11 >/dev/null 2>&1
file="$out/first-contact-1366-light.png"
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$profile" --window-size=1366,1150 \
  --screenshot="$file" "file://$site/noisy/index.html" 2>/dev/null
echo "$file"
