#!/usr/bin/env bash
# Airflow 3.3.2 for the conformance suite: the apache/airflow:3.3.2 image's
# Python packages, from PyPI into a virtualenv at
# $DATASTACK_CACHE/servers/airflow-3.3.2 (outside the repository, as
# servers.sh says why), pinned by scripts/conformance/
# airflow-requirements.txt, which was resolved for CPython 3.11 (the Python
# this machine has). Skipped when the virtualenv holds exactly that list
# (its SHA-256 in .installed). Progress goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
requirements="$root/scripts/conformance/airflow-requirements.txt"
venv="${DATASTACK_CACHE:-$HOME/.cache/datastack}/servers/airflow-3.3.2"
python="${AIRFLOW_PYTHON:-python3.11}"
log() { printf '[servers] %s\n' "$*" >&2; }

key="$(sha256sum "$requirements" | cut -d' ' -f1)"
[ "$(cat "$venv/.installed" 2>/dev/null)" = "$key" ] && exit 0

case "$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" in
  3.11) ;;
  *) echo "airflow: $python is not CPython 3.11, which $requirements was resolved for; set AIRFLOW_PYTHON" >&2; exit 1 ;;
esac

log "installing Airflow 3.3.2 into $venv"
started=$SECONDS
# A virtualenv cannot be moved once made, so a half-made one is removed and
# made again rather than renamed into place; the stamp is written last.
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --no-input -r "$requirements" >&2
"$venv/bin/pip" check >&2
"$venv/bin/airflow" version >/dev/null
echo "$key" > "$venv/.installed"
log "Airflow 3.3.2 installed in $((SECONDS - started)) s"
