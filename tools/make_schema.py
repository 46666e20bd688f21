"""Generate docs/routine.schema.json, the JSON Schema of the routine file format.

The schema comes straight from the msgspec Structs in ``hipcoach.core.model``,
so it never drifts from what ``hipcoach validate`` enforces. Run
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


def render_schema() -> str:
    """The schema document as text, exactly as it is written to disk."""
    schema = msgspec.json.schema(Routine)
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
