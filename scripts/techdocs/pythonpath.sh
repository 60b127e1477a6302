#!/usr/bin/env bash
# Prints the PYTHONPATH under which mkdocs finds a `techdocs-core` plugin:
# the given one, plus this folder's stand-in when the real plugin is missing.
# The one place that decides it, for the Makefile and the backend tests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ ":${PYTHONPATH:-}:" == *":$here:"* ]] || /usr/bin/python3 -c 'import techdocs_core' 2>/dev/null; then
  echo "${PYTHONPATH:-}"
else
  echo "$here${PYTHONPATH:+:$PYTHONPATH}"
fi
