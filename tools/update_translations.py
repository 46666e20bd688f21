"""Extract the words to translate, merge them into each language, compile the catalogues.

    python tools/update_translations.py            # extract, merge, compile
    python tools/update_translations.py --check    # exit 1 if anything is out of date

Two catalogues, one per domain (see src/hipcoach/i18n.py):
- hipcoach: every ``_()``, ``ngettext()``, ``pgettext()`` and ``N_()`` in the source;
- hipcoach-content: every text of the built-in routines, poses and patterns, keyed by
  its English wording.
Sources: translations/<domain>/<domain>.pot and translations/<domain>/<lang>.po;
compiled: src/hipcoach/locale/<lang>/LC_MESSAGES/<domain>.mo.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import msgspec
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

# This checkout's hipcoach, whichever one the environment has installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from hipcoach.core import model, patterns, translated

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "hipcoach"
ASSETS = ROOT / "assets"
SOURCES = ROOT / "translations"
LOCALE = SRC / "locale"
UI_DOMAIN, CONTENT_DOMAIN = "hipcoach", "hipcoach-content"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "counted": (2, 3)}

# Keys whose values are identifiers, file names or fixed words of the format, not prose.
NOT_PROSE = translated.NOT_PROSE


def languages() -> list[str]:
    return sorted(p.stem for p in (SOURCES / UI_DOMAIN).glob("*.po"))


def _header(domain: str, locale: str | None = None) -> Catalog:
    return Catalog(
        locale=locale,
        domain=domain,
        project="hipcoach",
        msgid_bugs_address="",
        copyright_holder="the hipcoach authors",
        language_team=f"{locale} <>" if locale else None,
        header_comment=f"# {domain}: the words of hipcoach{' in ' + locale if locale else ''}.\n"
        "# Distributed under the same license as hipcoach.\n#",
        fuzzy=False,
    )


def ui_template() -> Catalog:
    catalog = _header(UI_DOMAIN)
    found = extract_from_dir(
        SRC, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    )
    for filename, lineno, message, comments, context in found:
        path = (Path("src/hipcoach") / filename).as_posix()
        catalog.add(message, locations=[(path, lineno)], auto_comments=comments, context=context)
    return catalog


def prose(value: object, where: str) -> Iterator[tuple[str, str]]:
    """Every translatable text in a routine, pose or pattern document, with its place."""
    if isinstance(value, str):
        if value.strip():
            yield value, where
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from prose(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in NOT_PROSE:
                continue
            yield from prose(item, f"{where}.{key}")


def content_template() -> Catalog:
    catalog = _header(CONTENT_DOMAIN)
    files = [ASSETS / "poses.json", *sorted((ASSETS / "routines").glob("*.json"))]
    for file in files:
        document = json.loads(file.read_text(encoding="utf-8"))
        for text, where in prose(document, "$"):
            catalog.add(text, locations=[(f"{file.relative_to(ROOT).as_posix()}:{where}", 0)])
    for name, pattern in patterns.PRESETS.items():
        if pattern.name:
            catalog.add(pattern.name, locations=[(f"src/hipcoach/core/patterns.py:{name}", 0)])
    # Words the format fills in when a file leaves them out ("Rest", "Transition").
    for cls in (model.BreathStep, model.PoseStep, model.RestStep, model.TransitionStep):
        for field in msgspec.structs.fields(cls):
            if isinstance(field.default, str) and field.default and field.name not in NOT_PROSE:
                catalog.add(field.default, locations=[(f"format:{cls.__name__}.{field.name}", 0)])
    return catalog


#: Catalogues carry dates in their headers; fixed ones keep the files byte-for-byte
#: stable, so that "out of date" means the words changed.
STABLE_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def _stable(catalog: Catalog) -> Catalog:
    catalog.creation_date = catalog.revision_date = STABLE_DATE
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, _stable(catalog), width=100, include_lineno=False)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, _stable(catalog), use_fuzzy=False)
    return out.getvalue()


def planned_files() -> dict[Path, bytes]:
    """Every file this tool writes, with the bytes it should hold now."""
    files: dict[Path, bytes] = {}
    for domain, template in ((UI_DOMAIN, ui_template()), (CONTENT_DOMAIN, content_template())):
        folder = SOURCES / domain
        files[folder / f"{domain}.pot"] = _po_bytes(template)
        for lang in languages():
            po_path = folder / f"{lang}.po"
            if po_path.exists() and po_path.stat().st_size:
                with po_path.open("rb") as f:
                    catalog = read_po(f, locale=lang, domain=domain)
            else:
                catalog = _header(domain, lang)
            catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
            catalog.obsolete.clear()
            files[po_path] = _po_bytes(catalog)
            files[LOCALE / lang / "LC_MESSAGES" / f"{domain}.mo"] = _mo_bytes(catalog)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    stale = []
    for path, data in planned_files().items():
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(path.relative_to(ROOT).as_posix())
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    verb = "out of date" if args.check else "written"
    for name in stale:
        print(f"{verb}: {name}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
