#!/usr/bin/env bash
# Regenerates docs/screenshots/: the dashboard, a week, a fortnight, a month
# (and its outputs-to-outcomes review), a quarter (and its strategy review),
# an outcome page and a note's backlinks of the example vault, at 390×844 (a phone) and
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
  "month-review months/2026-10.html#outputs-to-outcomes"
  "quarter quarters/2026-Q4.html"
  "quarter-review quarters/2026-Q4.html#strategy-review"
  "outcome outcomes/outcomes/newsletter-growth.html"
  "backlinks notes/pages/Acme%20Corp.html#backlinks"
)
for entry in "${pages[@]}"; do
  read -r name page <<<"$entry"
  for size in 390,844 1366,900; do
    for theme in light dark; do
      flags=()
      [ "$theme" = dark ] && flags+=(--force-dark-mode)
      file="$out/$name-${size%%,*}-$theme.png"
      url="file://$site/out/$page"
      settle=()
      if [[ "$page" == *"#"* ]]; then
        # A section further down: headless Chromium does not scroll to a
        # fragment before its screenshot, so a test-only wrapper page frames
        # the page and lifts it until the section is at the top.
        width=${size%%,*} height=${size##*,} id=${page#*#}
        url="file://$site/out/shot-$name-$width.html"
        cat >"${url#file://}" <<EOF
<!doctype html><html><body style="margin:0;overflow:hidden"><div style="overflow:hidden;width:${width}px;height:${height}px">
<iframe id="f" src="${page%%#*}" style="border:0;display:block;width:${width}px;height:20000px"></iframe></div>
<script>document.getElementById('f').onload = function () {
  var e = this.contentDocument.getElementById('$id');
  if (e) this.style.marginTop = -Math.max(0, e.getBoundingClientRect().top - 12) + 'px';
};</script></body></html>
EOF
        settle=(--allow-file-access-from-files --run-all-compositor-stages-before-draw --virtual-time-budget=5000)
      fi
      timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
        "${settle[@]}" --user-data-dir="$profile" --window-size="$size" "${flags[@]}" \
        --screenshot="$file" "$url" 2>/dev/null
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
