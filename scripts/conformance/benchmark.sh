#!/usr/bin/env bash
# The conformance suite's budgets, measured (docs/conformance.md, Budgets):
#   1. wall time of `make conformance` (servers.sh included), warm or fresh;
#   2. peak memory of the lakehouse set (PostgreSQL, MariaDB, MinIO, the
#      metastore, Trino, the exporters, Prometheus, Presto in its turn) with
#      what runningStack.test.ts adds to it (the Jest process, the portal
#      backend and a browser): the machine's used memory
#      (MemTotal - MemAvailable) sampled every second during
#      `run.sh runningStack`, minus what was used before it started.
#
# Usage: scripts/conformance/benchmark.sh [--fresh]
#   --fresh  first run on a fresh machine: an empty $DATASTACK_CACHE (its
#            downloads and servers), so every server is downloaded and
#            unpacked.
# Prints one line per figure; needs root (as make conformance does).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export PATH="$root/.tools/bin:$PATH"

if [ "${1:-}" = "--fresh" ]; then
  DATASTACK_CACHE="$(mktemp -d)"
  export DATASTACK_CACHE
  trap 'rm -rf "$DATASTACK_CACHE"' EXIT
  mode=fresh
else
  mode=warm
fi

used_kib() {
  awk '/^MemTotal:/ {t=$2} /^MemAvailable:/ {a=$2} END {print t-a}' /proc/meminfo
}

started=$(date +%s)
bash scripts/conformance/run.sh > test-output/conformance-benchmark.log 2>&1 \
  || { echo "benchmark: make conformance failed, see test-output/conformance-benchmark.log" >&2; exit 1; }
echo "conformance ($mode): $(( $(date +%s) - started )) s"

baseline=$(used_kib)
peak=$baseline
bash scripts/conformance/run.sh runningStack > test-output/conformance-running-stack.log 2>&1 &
suite=$!
while kill -0 "$suite" 2>/dev/null; do
  now=$(used_kib)
  [ "$now" -gt "$peak" ] && peak=$now
  sleep 1
done
wait "$suite" || { echo "benchmark: run.sh runningStack failed" >&2; exit 1; }
echo "lakehouse peak memory: $(( (peak - baseline) / 1024 )) MiB above a baseline of $(( baseline / 1024 )) MiB"
