"""Puts the chosen language into effect for Qt too: its own words and its number formats."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hipcoach import i18n

_installed: list[QTranslator] = []


def locale_for(code: str, system: QLocale | None = None) -> QLocale:
    """The locale for numbers, dates and weekdays in language ``code``.

    The desktop's own locale when it speaks that language (so es_MX and es_ES each
    keep their conventions), otherwise the language's default one.
    """
    system = system or QLocale.system()
    if code == i18n.PSEUDO or system.name().split("_")[0] == code:
        return system
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
    QLocale.setDefault(locale_for(code))
    return code
