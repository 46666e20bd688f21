"""Puts the chosen language into effect for Qt too: its own words and its number formats."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hipcoach import i18n
from hipcoach.i18n import pgettext

_installed: list[QTranslator] = []

# Words Qt's file dialog shows that the translations shipped with Qt lack (Qt 6.11's
# Spanish has "Look in:" but the dialog now asks for "&Look in:"). Keyed by Qt's
# (context, source text); looked up when Qt asks, so they follow the language.
_QT_GAPS = {
    ("QFileDialog", "&Look in:"): lambda: pgettext("file dialog", "&Look in:"),
    ("QFileDialog", "Files of &type:"): lambda: pgettext("file dialog", "Files of &type:"),
    # TRANSLATORS: the Type column of the file dialog, for a folder.
    ("QAbstractFileIconProvider", "Folder"): lambda: pgettext("file dialog", "Folder"),
    # TRANSLATORS: the Type column of the file dialog, for a disk drive.
    ("QAbstractFileIconProvider", "Drive"): lambda: pgettext("file dialog", "Drive"),
}


class _QtGaps(QTranslator):
    """Answers Qt only for the words in ``_QT_GAPS``; Qt's own translations do the rest."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        words = _QT_GAPS.get((context, source_text))
        return words() if words is not None else None  # None: "not mine", Qt asks the next

    def isEmpty(self) -> bool:
        return False


def locale_for(code: str, system: QLocale | None = None) -> QLocale:
    """The locale for numbers, dates and weekdays in language ``code``.

    The desktop's own locale when it speaks that language (so es_MX and es_ES each
    keep their conventions), otherwise the language's default one.
    """
    system = system or QLocale.system()
    if code == i18n.PSEUDO:
        return system
    if system.name().split("_")[0] == code:
        # By name, not the system locale itself: with LANGUAGE=es and LANG=C.UTF-8 the
        # system locale is named es_ES but writes months and numbers as C does ("12 Oct").
        return QLocale(system.name())
    return QLocale(code)


def apply_language(code: str) -> str:
    """Show hipcoach, Qt's standard buttons and numbers in ``code``; returns what is in use.

    Windows built earlier keep their words until told: ``Application.show_language``
    re-words the open window after calling this.
    """
    code = i18n.set_language(code)
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    if app is not None and code not in (i18n.DEFAULT, i18n.PSEUDO):
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator(app)
        # Standard buttons (OK, Cancel), text-field menus, file dialogs.
        if translator.load(f"qtbase_{code}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
        # Installed last, so Qt asks it first.
        gaps = _QtGaps(app)
        app.installTranslator(gaps)
        _installed.append(gaps)
    QLocale.setDefault(locale_for(code))
    return code
