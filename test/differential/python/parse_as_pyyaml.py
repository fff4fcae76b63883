"""Prints, for each file argument, one JSON line: every non-empty document of the file as PyYAML's
SafeLoader (a YAML 1.1 reader, as Python tooling such as Ansible's k8s modules reads manifests) reads
it, or {"error": ...} where it refuses the file."""
import json
import sys

import yaml

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        docs = [d for d in yaml.safe_load_all(text) if d is not None]
        print(json.dumps(docs, default=str))
    except yaml.YAMLError as e:
        print(json.dumps({"error": str(e).replace("\n", " ")}))
