#!/usr/bin/env python3
"""Validates report.json files against docs/report.schema.json (JSON Schema 2020-12).

Usage: scripts/validate-report.py REPORT.json...   Exit 0 when all are valid, 1 otherwise.
"""
import json
import pathlib
import sys

import jsonschema

SCHEMA = pathlib.Path(__file__).resolve().parent.parent / "docs" / "report.schema.json"


def main(paths):
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    failed = 0
    for path in paths:
        report = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
        for error in errors[:20]:
            location = "/".join(str(part) for part in error.absolute_path) or "(root)"
            print(f"{path}: {location}: {error.message}", file=sys.stderr)
        failed += bool(errors)
        if not errors:
            print(f"{path}: valid ({len(report['facts'])} facts, {len(report['findings'])} findings, {len(report['errors'])} errors)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
