"""The words people read, in their language (GNU gettext; no Qt here, so core can use it too).

Two catalogues: ``hipcoach`` for the program's own words and ``hipcoach-content`` for
the built-in routines, poses and patterns, keyed by their English text. Sources live in
``translations/``; ``tools/update_translations.py`` extracts, merges and compiles them
into ``hipcoach/locale/<language>/LC_MESSAGES/``.

Look-ups happen at the moment a text is shown, never at import, so the language can
change while the program runs: mark a module-level text with ``N_`` and pass it
through ``_`` where it is used.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Mapping
from pathlib import Path

UI_DOMAIN = "hipcoach"
CONTENT_DOMAIN = "hipcoach-content"

#: Languages with a finished catalogue, and what each calls itself.
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
#: Every text accented and about 40 % longer, to find words that escaped translation
#: and layouts that cannot take longer words.
PSEUDO = "pseudo"
DEFAULT = "en"

_requested: str | None = None


def request_language(code: str | None) -> None:
    """The language asked for on the command line (``--lang``); it wins over the setting."""
    global _requested
    _requested = code


_ENV_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def locale_dir() -> Path:
    """Where the compiled catalogues are (inside the package)."""
    return Path(__file__).resolve().parent / "locale"


def _base(code: str) -> str:
    # "es_US.UTF-8@euro" -> "es"; "pt-BR" -> "pt"
    return re.split(r"[_.@-]", code.strip(), maxsplit=1)[0].lower()


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the desktop asks for, as gettext reads it; ``en`` when none we have.

    ``LANGUAGE`` may list several (``fr:es``): the first we have a catalogue for wins.
    ``C`` and ``POSIX`` mean English.
    """
    env = os.environ if environ is None else environ
    for name in _ENV_ORDER:
        value = env.get(name, "")
        if not value:
            continue
        candidates = value.split(":") if name == "LANGUAGE" else [value]
        for candidate in candidates:
            base = _base(candidate)
            if base in ("c", "posix"):
                return DEFAULT
            if base in LANGUAGES:
                return base
        if name != "LANGUAGE":
            # The first locale variable that is set decides, as in gettext.
            return DEFAULT
    return DEFAULT


def choose_language(
    requested: str | None = None,
    setting: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The language to use: ``--lang`` first, then the setting, then the system's.

    ``requested`` defaults to what ``request_language`` recorded. Unknown codes fall
    back to the next source; ``system`` or an empty setting means "follow the desktop".
    """
    for choice in (requested or _requested, setting):
        if not choice or choice == "system":
            continue
        if choice == PSEUDO:
            return PSEUDO
        if _base(choice) in LANGUAGES:
            return _base(choice)
    return system_language(environ)


# -- the pseudo-language -------------------------------------------------------------

_ACCENTED = str.maketrans(
    "aceinouyAEIOUCNY",
    "àçéîñöûýÀÉÎÖÛÇÑÝ",
)
# Placeholders, mnemonics, markup and line breaks survive untouched. (A pattern as text:
# ``re`` compiles it when the pseudo-language is first used, not at every start.)
_KEEP = r"(\{[^{}]*\}|%\(\w+\)[sdfr]|%[sdfn%]|&&|&(?=\w)|<[^>]*>|\n)"


def pseudo(text: str) -> str:
    """``text`` accented and padded by about 40 %, placeholders left working."""
    if not text:
        return text
    parts = re.split(_KEEP, text)
    out = "".join(p if i % 2 else p.translate(_ACCENTED) for i, p in enumerate(parts))
    letters = sum(len(p) for i, p in enumerate(parts) if not i % 2)
    return f"⟦{out}{'·' * max(1, round(letters * 0.4))}⟧"


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)


# -- the active language ---------------------------------------------------------------

_language = DEFAULT
_ui: gettext.NullTranslations = gettext.NullTranslations()
_content: gettext.NullTranslations = gettext.NullTranslations()


def _load(domain: str, code: str) -> gettext.NullTranslations:
    return gettext.translation(domain, locale_dir(), languages=[code], fallback=True)


def set_language(code: str) -> str:
    """Show every later text in ``code`` (a code from ``LANGUAGES`` or ``PSEUDO``).

    An unknown code, or a catalogue that is missing or damaged, means English: a
    missing translation must never stop the program. Returns the language in use.
    """
    global _language, _ui, _content
    if code == PSEUDO:
        _language, _ui, _content = PSEUDO, _Pseudo(), _Pseudo()
        return _language
    code = _base(code) if code else DEFAULT
    if code not in LANGUAGES:
        code = DEFAULT
    try:
        if code == DEFAULT:
            # The texts are written in English: nothing to look up, and looking would
            # cost gettext's search of the locale folders (and importing ``locale``).
            ui, content = gettext.NullTranslations(), gettext.NullTranslations()
        else:
            ui, content = _load(UI_DOMAIN, code), _load(CONTENT_DOMAIN, code)
    except Exception:  # a damaged .mo file: English rather than a crash
        code, ui, content = DEFAULT, gettext.NullTranslations(), gettext.NullTranslations()
    _language, _ui, _content = code, ui, content
    return _language


def language() -> str:
    """The language texts are shown in now."""
    return _language


def _(message: str) -> str:
    """``message`` in the current language."""
    return _ui.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message that fits ``n`` in the current language."""
    return _ui.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English words by
    ``context`` (a verb "Start" and a noun "Start" may need different words)."""
    return _ui.pgettext(context, message)


def N_(message: str) -> str:
    """Marks ``message`` for translation where it is defined; ``_`` translates it later."""
    return message


def content_text(text: str, own: Mapping[str, str] | None = None) -> str:
    """A routine's, pose's or pattern's English ``text`` in the current language.

    ``own`` is a routine's own translations for this language (text -> translation),
    which win over the built-in catalogue. Text with no translation is shown as written.
    """
    if not text:
        return text
    if own and text in own:
        return own[text]
    return _content.gettext(text)
