#!/usr/bin/env bash
# The tools users run on a rendered stack, built from their Go modules into
# .tools/bin so the validators parse files exactly as those tools do (and the
# Go servers of the conformance suite, listed below):
#   docker-compose  Docker Compose v2.40.3, whose loader (compose-go 2.9,
#                   Go's yaml.v3) is the strictest still in wide use;
#                   `docker-compose config` needs no engine.
#   helmfile        helmfile lint / template (drives .tools/bin/helm).
#   promtool        of the Prometheus version the stack runs (read from
#                   services/prometheus/component.yaml; Prometheus 3.x.y is
#                   the Go module version v0.3xx.y).
# Each module's go.mod holds replace/exclude directives, so `go install
# module@version` refuses them; they are built from the module's own folder
# in the Go module cache instead, which honours those directives.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
mkdir -p "$bin"
log() { printf '[setup] %s\n' "$*" >&2; }

command -v go >/dev/null || {
  echo "setup: go is required to build docker-compose, helmfile and promtool (Go module proxy)" >&2
  exit 1
}

# The version a component of the library pins (metadata.version).
version_of() {
  local v
  v="$(sed -nE "s/^  version: '?([0-9]+\.[0-9]+\.[0-9]+)'?$/\1/p" "$root/services/$1/component.yaml")"
  [ -n "$v" ] || { echo "setup: no version in services/$1/component.yaml" >&2; exit 1; }
  echo "$v"
}
# MinIO and mc publish no Go module versions, only RELEASE tags; the proxy
# serves the tag's commit as a pseudo-version. The table names the commit of
# each tag the library pins, and setup stops when the library moves on.
release_of() { sed -nE "s/^ *(version|image): .*(RELEASE\.[0-9TZ-]+).*$/\2/p" "$root/services/$1/component.yaml" | head -1; }
minio_release="RELEASE.2025-09-07T16-13-09Z" minio_pseudo="v0.0.0-20250907161309-07c3a429bfed"
mc_release="RELEASE.2025-08-13T08-35-41Z" mc_pseudo="v0.0.0-20250813083541-7394ce0dd2a8"
# The checksum database this machine reaches has no entry for that
# pseudo-version (lookup: 404); the module still comes from the proxy.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/minio/mc"
[ "$(release_of minio)" = "$minio_release" ] || { echo "setup: services/minio pins $(release_of minio); add its commit to scripts/setup-go-tools.sh" >&2; exit 1; }
[ "$(release_of delta-lake)" = "$mc_release" ] || { echo "setup: services/delta-lake pins mc $(release_of delta-lake); add its commit to scripts/setup-go-tools.sh" >&2; exit 1; }
IFS=. read -r p_major p_minor p_patch <<<"$(version_of prometheus)"
prometheus_module_version="v0.$((p_major * 100 + p_minor)).$p_patch"

# name  module  version  package (inside the module). The last four are the
# servers and clients the conformance suite runs (docs/conformance.md), at the versions
# the stack's images pin. (The Go module proxy here serves no version of
# github.com/prometheus/mysqld_exporter.)
TOOLS=(
  "docker-compose github.com/docker/compose/v2 v2.40.3 ./cmd"
  "helmfile github.com/helmfile/helmfile v1.8.0 ."
  "promtool github.com/prometheus/prometheus $prometheus_module_version ./cmd/promtool"
  "prometheus github.com/prometheus/prometheus $prometheus_module_version ./cmd/prometheus"
  "postgres_exporter github.com/prometheus-community/postgres_exporter v$(version_of postgres-exporter) ./cmd/postgres_exporter"
  "minio github.com/minio/minio $minio_pseudo ."
  "mc github.com/minio/mc $mc_pseudo ."
)

for entry in "${TOOLS[@]}"; do
  read -r name module version package <<<"$entry"
  stamp="$root/.tools/$name.stamp"
  if [ -x "$bin/$name" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$module@$version" ]; then
    continue
  fi
  log "building $name from $module@$version (Go module proxy; a few minutes the first time)"
  dir="$(go mod download -json "$module@$version" | sed -nE 's/^\s*"Dir": "(.*)",?$/\1/p')"
  [ -d "$dir" ] || { echo "setup: could not download $module@$version" >&2; exit 1; }
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -o "$bin/$name.tmp" "$package")
  mv "$bin/$name.tmp" "$bin/$name"
  echo "$module@$version" > "$stamp"
done

# yaml-v3-json: Go's yaml.v3 reading a rendered file, for the test that every
# YAML reader sees the same data in it (scripts/yaml-readers/).
reader_dir="$root/scripts/yaml-readers/yamlv3"
reader_key="$(cat "$reader_dir/go.mod" "$reader_dir/go.sum" "$reader_dir/main.go" | sha256sum | cut -d' ' -f1)"
if [ ! -x "$bin/yaml-v3-json" ] || [ "$(cat "$root/.tools/yaml-v3-json.stamp" 2>/dev/null)" != "$reader_key" ]; then
  log "building yaml-v3-json (gopkg.in/yaml.v3)"
  (cd "$reader_dir" && CGO_ENABLED=0 go build -trimpath -o "$bin/yaml-v3-json.tmp" .)
  mv "$bin/yaml-v3-json.tmp" "$bin/yaml-v3-json"
  echo "$reader_key" > "$root/.tools/yaml-v3-json.stamp"
fi
