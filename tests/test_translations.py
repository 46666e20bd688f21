"""The Spanish catalogues are complete, current, and keep every placeholder."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from hipcoach import i18n

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = [
    ROOT / "translations" / domain / f"{lang}.po"
    for domain in (i18n.UI_DOMAIN, i18n.CONTENT_DOMAIN)
    for lang in i18n.LANGUAGES
    if lang != i18n.DEFAULT
]
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%\([a-z_]+\)[sd]")


def messages(path: Path):
    with path.open("rb") as f:
        catalog = read_po(f)
    return [m for m in catalog if m.id]


def test_the_catalogues_match_the_source():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (
        "Run tools/update_translations.py after changing any text:\n" + done.stdout + done.stderr
    )


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_message_has_a_finished_translation(path):
    unfinished = []
    for m in messages(path):
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy or not all(forms):
            unfinished.append(m.id if isinstance(m.id, str) else m.id[0])
    assert unfinished == [], f"{len(unfinished)} without a finished translation"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_translations_keep_every_placeholder(path):
    wrong = []
    for m in messages(path):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        forms = m.string if isinstance(m.string, tuple) else (m.string,)
        for form in forms:
            if form and set(PLACEHOLDER.findall(form)) - wanted:
                wrong.append((ids[0], form))
            if form and len(ids) == 1 and set(PLACEHOLDER.findall(form)) != wanted:
                wrong.append((ids[0], form))
    assert wrong == []
