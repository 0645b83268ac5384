#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema (draft picked from the schema's $schema).

Usage: scripts/validate-json.py [--schema SCHEMA] FILE...
The default schema is docs/report.schema.json (report.json). For SARIF:
    scripts/validate-json.py --schema ../shared/schemas/sarif-schema-2.1.0.json reports/report.sarif
Exit 0 when all files are valid, 1 otherwise.
"""
import argparse
import json
import pathlib
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", default=str(ROOT / "docs" / "report.schema.json"))
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    schema = json.loads(pathlib.Path(args.schema).read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    failed = 0
    for path in args.files:
        document = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors[:20]:
            location = "/".join(str(part) for part in error.absolute_path) or "(root)"
            print(f"{path}: {location}: {error.message}", file=sys.stderr)
        if errors:
            failed += 1
        else:
            print(f"{path}: valid against {pathlib.Path(args.schema).name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
