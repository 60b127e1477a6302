#!/usr/bin/env bash
# Redraws a Mermaid diagram as SVG with mermaid-cli and Debian's chromium
# (puppeteer cannot download its own browser here; see puppeteer-chromium.json).
set -euo pipefail
in="$1"; out="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$here/../.tools/mermaid"
command -v chromium >/dev/null || { echo "render-diagram: needs chromium (apt-get install chromium)" >&2; exit 1; }
if [ ! -x "$dir/node_modules/.bin/mmdc" ]; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-save --no-package-lock --prefix "$dir" @mermaid-js/mermaid-cli@12 >/dev/null
fi
"$dir/node_modules/.bin/mmdc" -p "$here/puppeteer-chromium.json" -i "$in" -o "$out" -b white
