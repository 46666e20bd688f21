"""The command line as a Spanish-speaking person runs it: LANG=es_US.UTF-8, a real process."""

import os
import re
import subprocess
import sys

#: The command line's own placeholders in English, as whole words.
ENGLISH_PLACEHOLDERS = re.compile(r"\b(CODE|DIR|FILE|COMMAND|ACTION)\b")


def run_in_spanish(*args, data_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANGUAGE", "LC_"))}
    env.update(LANG="es_US.UTF-8", HIPCOACH_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "hipcoach", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_the_help_is_spanish_down_to_its_placeholders(tmp_path):
    result = run_in_spanish("--help", data_dir=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("uso: hipcoach")
    assert "--data-dir CARPETA" in result.stdout
    assert "--lang CÓDIGO" in result.stdout
    assert "COMANDO" in result.stdout
    assert not ENGLISH_PLACEHOLDERS.search(result.stdout), result.stdout


def test_the_help_of_sub_commands_names_spanish_placeholders(tmp_path):
    validate = run_in_spanish("validate", "--help", data_dir=tmp_path)
    export = run_in_spanish("history", "export", "--help", data_dir=tmp_path)
    history = run_in_spanish("history", "--help", data_dir=tmp_path)
    assert "ARCHIVO [ARCHIVO ...]" in validate.stdout
    assert "escribe en ARCHIVO" in export.stdout
    assert "ACCIÓN" in history.stdout
    for result in (validate, export, history):
        assert not ENGLISH_PLACEHOLDERS.search(result.stdout), result.stdout


def test_a_missing_file_is_explained_in_spanish(tmp_path):
    result = run_in_spanish("validate", str(tmp_path / "nowhere.json"), data_dir=tmp_path)
    assert result.returncode == 1
    assert "no se puede leer (No existe el archivo o la carpeta)" in result.stdout
    assert "No such file" not in result.stdout


def test_a_data_folder_that_is_a_file_is_explained_in_spanish(tmp_path):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    result = run_in_spanish("routines", data_dir=not_a_folder)
    assert result.returncode == 1
    assert "(No es una carpeta)" in result.stderr
    assert "--data-dir CARPETA" in result.stderr
    assert "Not a directory" not in result.stderr


def test_a_wrong_argument_is_refused_in_spanish(tmp_path):
    result = run_in_spanish("--bogus", data_dir=tmp_path)
    assert result.returncode == 2
    assert "error: argumentos no reconocidos: --bogus" in result.stderr


def test_a_malformed_file_is_explained_in_spanish(tmp_path):
    broken = tmp_path / "rota.json"
    broken.write_text('{"id": "x", "title": "Mi rutina",}')
    result = run_in_spanish("validate", str(broken), data_dir=tmp_path)
    assert result.returncode == 1
    assert "no es JSON válido: sobra una coma al final de un objeto (byte" in result.stdout
    assert "trailing comma" not in result.stdout
