#!/usr/bin/env bash
# Redraws a Mermaid diagram as SVG with mermaid-cli and Debian's chromium
# (puppeteer cannot download its own browser here).
set -euo pipefail
in="$1"; out="$2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$root/.tools/mermaid"
command -v chromium >/dev/null || { echo "render-diagram: needs chromium (apt-get install chromium)" >&2; exit 1; }
if [ ! -x "$dir/node_modules/.bin/mmdc" ]; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-save --no-package-lock --prefix "$dir" @mermaid-js/mermaid-cli@12 >/dev/null
fi
cfg="$(mktemp)"; trap 'rm -f "$cfg"' EXIT
printf '%s' '{"executablePath":"/usr/bin/chromium","args":["--no-sandbox","--headless","--disable-gpu","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run"]}' > "$cfg"
"$dir/node_modules/.bin/mmdc" -p "$cfg" -i "$in" -o "$out" -b white
