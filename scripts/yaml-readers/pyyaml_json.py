"""Prints every document of each YAML file given, as PyYAML (YAML 1.1, the
reader of many Python tools and close to helm's go-yaml v2) reads it: one
JSON line per file. Values JSON cannot tell apart from strings (dates,
binary, sets) are marked, so a comparison with another reader sees them.
Used by plugins/data-stack-node/src/render/yamlReaders.test.ts."""
import datetime
import json
import sys

import yaml


def typed(value):
    if isinstance(value, dict):
        if any(not isinstance(k, str) for k in value):
            return {"!nonStringKeys": {str(k): typed(v) for k, v in value.items()}}
        return {k: typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return {"!timestamp": value.isoformat()}
    if isinstance(value, (bytes, set)):
        return {"!" + type(value).__name__: repr(value)}
    return value


status = 0
for name in sys.argv[1:]:
    try:
        with open(name, encoding="utf-8") as f:
            documents = [typed(d) for d in yaml.safe_load_all(f)]
        print(json.dumps({"file": name, "documents": documents}))
    except yaml.YAMLError as error:
        print(f"{name}: {error}", file=sys.stderr)
        status = 1
sys.exit(status)
