#!/usr/bin/env bash
# make conformance: the conformance suite (packages/conformance) inside a
# network namespace of its own. There every service name of the library
# resolves to loopback (ip netns exec mounts /etc/netns/<ns>/hosts over
# /etc/hosts), so the servers listen on their compose ports and the rendered
# files reach them unchanged, without touching the machine's own ports or
# /etc/hosts. The namespace goes when the suite ends, whatever its result;
# the tests stop the servers they start. Arguments go to Jest, e.g. a test
# file's name: scripts/conformance/run.sh lakehouse
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
ns="datastack-conformance-$$"

if [ "$(id -u)" -ne 0 ]; then
  echo "conformance: needs root for its network namespace (ip netns)" >&2
  exit 1
fi
command -v ip >/dev/null || { echo "conformance: ip (Debian's iproute2) is missing" >&2; exit 1; }

# The suite runs in its package's folder: a stack file named relative to
# where make was called is made absolute first.
if [ -n "${CONFORMANCE_STACK:-}" ]; then
  [ -f "$CONFORMANCE_STACK" ] || { echo "conformance: CONFORMANCE_STACK=$CONFORMANCE_STACK: no such file" >&2; exit 1; }
  CONFORMANCE_STACK="$(realpath "$CONFORMANCE_STACK")"
  export CONFORMANCE_STACK
fi

# Servers from Maven Central (Trino, the metastore), cached; in the machine's
# own network, before the suite's namespace exists.
bash scripts/conformance/servers.sh

cleanup() {
  ip netns del "$ns" 2>/dev/null || true
  # Deleting an attached name only drops the name; the machine's own
  # network namespace stays as it is.
  ip netns del "$ns-host" 2>/dev/null || true
  rm -rf "/etc/netns/$ns"
}
trap cleanup EXIT
mkdir -p "/etc/netns/$ns"
node -r @backstage/cli/config/nodeTransform.cjs packages/conformance/src/stack/hostsFile.ts > "/etc/netns/$ns/hosts"
ip netns add "$ns"
ip -n "$ns" link set lo up
# A name for this machine's own network namespace: jobs that download at
# first start (the metastore's jars) reach the internet through it.
ip netns attach "$ns-host" $$
echo "[conformance] stack: ${CONFORMANCE_STACK:-stack.yaml}; namespace $ns" >&2
# A private /var/run/postgresql too (where the image's clients look for the
# server's socket), so two suites on one machine never share a socket file.
mkdir -p /var/run/postgresql
ip netns exec "$ns" unshare --mount --propagation private \
  sh -c 'mount -t tmpfs -o mode=1777 tmpfs /var/run/postgresql && exec "$@"' sh \
  env CI="${CI:-true}" CONFORMANCE_HOST_NETNS="$ns-host" \
  yarn workspace @big-data-stack/conformance conformance "$@"
