"""Generate docs/routine.schema.json, the JSON Schema of the routine file format.

The schema comes straight from the msgspec Structs in ``hipcoach.core.model``,
so it never drifts from what ``hipcoach validate`` enforces. The rules the
models check in code (``__post_init__``) are added here in JSON Schema's words
where it has them; tests/test_schema.py compares the schema's verdicts with
``hipcoach validate`` on mutated built-in routines. Run
``python tools/make_schema.py`` after changing the format and commit the result;
``--check`` exits non-zero when the committed file differs from what this
script makes now. The output is stable: keys sorted, two-space indent,
trailing newline.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = ROOT / "docs" / "routine.schema.json"

try:
    import hipcoach  # noqa: F401
except ImportError:  # run from a checkout without the package installed
    sys.path.insert(0, str(ROOT / "src"))

import msgspec  # noqa: E402

from hipcoach.core.model import FORMAT_VERSION, Routine  # noqa: E402


def _present(field: str) -> dict:
    """Schema for "``field`` is given and not null"."""
    return {"required": [field], "properties": {field: {"not": {"type": "null"}}}}


def _exactly_one(*fields: str) -> dict:
    return {"oneOf": [_present(field) for field in fields]}


# What model.py's __post_init__ rules say (see Code.EXACTLY_ONE_OF, Code.PATTERN_IN_PARTS,
# Code.POSE_OR_NAME). The ramp rule (its end longer than the phase it starts from) and
# step and routine lengths need arithmetic across fields, which JSON Schema cannot do.
_STEP_RULES = {
    "BreathStep": _exactly_one("cycles", "seconds"),
    "Breathing": _exactly_one("seconds", "breaths"),
    "PoseStep": {
        "allOf": [
            _exactly_one("seconds", "breaths", "breathing"),
            {"not": {"allOf": [_present("breathing"), _present("pattern")]}},
            {"anyOf": [_present("pose"), _present("name")]},
        ]
    },
}
# Code.ASSET_PATH_OUTSIDE: not absolute, no drive or scheme (":"), no ".." part.
ASSET_PATH_PATTERN = r"^(?![/\\])(?![\s\S]*:)(?!(?:[\s\S]*[/\\])?\.\.(?:[/\\]|$))"
_ASSET_FIELDS = ("illustration", "sound")


def _add_rules(schema: dict) -> dict:
    for name, rules in _STEP_RULES.items():
        schema["$defs"][name].update(rules)
    for definition in schema["$defs"].values():
        for field in _ASSET_FIELDS:
            spec = definition.get("properties", {}).get(field)
            for option in spec.get("anyOf", [spec]) if spec else ():
                if option.get("type") == "string":
                    option["pattern"] = ASSET_PATH_PATTERN
    return schema


def render_schema() -> str:
    """The schema document as text, exactly as it is written to disk."""
    schema = _add_rules(msgspec.json.schema(Routine))
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"hipcoach routine, format {FORMAT_VERSION}",
        **schema,
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="fail if the committed schema is out of date"
    )
    parser.add_argument("--output", type=Path, default=SCHEMA_PATH, help="where to write")
    args = parser.parse_args(argv)
    text = render_schema()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is out of date; run tools/make_schema.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
