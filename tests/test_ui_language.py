"""The chosen language reaches Qt: its standard buttons and the number formats."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel

from hipcoach import i18n
from hipcoach.ui.language import apply_language, locale_for


@pytest.fixture(autouse=True)
def english_after():
    default = QLocale()
    yield
    apply_language("en")
    QLocale.setDefault(default)


def cancel_text() -> str:
    return QCoreApplication.translate("QPlatformTheme", "Cancel")


def test_spanish_translates_qts_standard_buttons_and_english_undoes_it(qapp):
    assert apply_language("es") == "es"
    assert i18n.language() == "es"
    assert cancel_text() == "Cancelar"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancelar"
    assert apply_language("en") == "en"
    assert cancel_text() == "Cancel"


def test_numbers_follow_the_language(qapp):
    apply_language("es")
    assert QLocale().language() == QLocale.Language.Spanish
    apply_language("en")
    assert QLocale().language() == locale_for("en").language()


def test_the_desktops_own_variant_of_the_language_is_kept():
    mexico = QLocale("es_MX")
    assert locale_for("es", mexico).name() == "es_MX"
    assert locale_for("es", QLocale("en_GB")).name() == "es_ES"
    assert locale_for("en", QLocale("en_GB")).name() == "en_GB"


def test_the_file_dialog_has_no_english_left_in_spanish(qtbot, tmp_path):
    # Qt's own Spanish lacks a few of its file dialog's words; ours fill them.
    (tmp_path / "a folder").mkdir()
    apply_language("es")
    dialog = QFileDialog(None, "", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Buscar en:", "&Tipo de archivo:"} <= labels
    assert not {"&Look in:", "Files of &type:"} & labels
    assert (
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms")
        == "Carpeta"
    )
    # Everything else still comes from Qt's own translations.
    assert cancel_text() == "Cancelar"
    apply_language("en")
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"


def test_dates_and_numbers_are_spanish_when_only_language_asks_for_it(qapp):
    # LANGUAGE=es with LANG=C.UTF-8: Qt names the system locale es_ES, yet its months
    # and numbers come from the C locale.
    script = (
        "from PySide6.QtCore import QCoreApplication, QDate, QLocale\n"
        "app = QCoreApplication([])\n"
        "from hipcoach.ui.language import apply_language\n"
        "apply_language('es')\n"
        "print(QLocale().toString(QDate(2026, 10, 12), 'd MMM'), QLocale().toString(2.5, 'f', 1))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANGUAGE", "LC_"))}
    env.update(LANGUAGE="es", LANG="C.UTF-8")
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.stdout.split() == ["12", "oct", "2,5"], done.stderr
