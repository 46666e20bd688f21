"""The command line: ``hipcoach`` opens the window; sub-commands work without it.

Sub-commands never import Qt, so ``hipcoach validate`` and ``hipcoach routines``
stay fast and work on a machine without a screen.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from hipcoach import i18n, launcher, paths
from hipcoach.i18n import N_, _, ngettext

# argparse's own words, as its messages say them; shown through our catalogue (see
# ``_argparse_in_our_language``). The msgids must stay exactly argparse's.
_ARGPARSE_WORDS = (
    # TRANSLATORS: the start of the command line's usage line; keep the space at the end.
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    # TRANSLATORS: %(prog)s is the program's name, %(message)s what went wrong.
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


class _PrintVersions(argparse.Action):
    """``--version``: the same versions as Help → About (reading Qt's loads QtCore, so
    only when asked)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from hipcoach.versions import version_text

        print(version_text())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser, its help in the current language."""
    parser = argparse.ArgumentParser(
        prog="hipcoach",
        description=_(
            "A breathwork and hip-stretch timer you can follow from the mat. "
            "With no command, opens the window."
        ),
    )
    parser.add_argument(
        "--version",
        action=_PrintVersions,
        nargs=0,
        help=_("print the versions of hipcoach, Qt, PySide6 and Python, and exit"),
    )
    # The placeholders in the help and usage lines, translated like every other word.
    # TRANSLATORS: the placeholder for a language code in the command line's help; capitals.
    code_word = _("CODE")
    # TRANSLATORS: the placeholder for a folder in the command line's help; capitals.
    folder_word = _("DIR")
    # TRANSLATORS: the placeholder for a file in the command line's help; capitals.
    file_word = _("FILE")
    parser.add_argument(
        "--lang",
        metavar=code_word,
        help=_("show hipcoach in this language (en, es) instead of the desktop's"),
    )
    parser.add_argument(
        "--tray",
        action="store_true",
        help=_("start with only the tray icon, not the window (how starting at login opens)"),
    )
    parser.add_argument(
        "--data-dir",
        metavar=folder_word,
        # TRANSLATORS: {folder} is the placeholder translated as "DIR"; {variable} is the
        # name of an environment variable.
        help=_(
            "keep history, settings and custom routines in {folder} "
            "(default: ${variable} or the platform's user data folder)"
        ).format(folder=folder_word, variable=paths.DATA_DIR_ENV),
    )
    # For packaging checks (tests/test_bundle.py): open the window, close it after SECONDS.
    parser.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)
    parser.add_argument(
        "--verbose",
        action="store_true",
        help=_(
            "also show Qt's own messages (sound system, graphics) on the terminal; "
            "they are always in the log file"
        ),
    )
    # TRANSLATORS: the placeholder for a sub-command in the command line's help; capitals.
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    commands.add_parser("routines", help=_("list the built-in and custom routines"))
    validate = commands.add_parser("validate", help=_("check routine files; exit 1 on any problem"))
    validate.add_argument("files", nargs="+", metavar=file_word)
    history = commands.add_parser("history", help=_("work with the session history"))
    # TRANSLATORS: the placeholder for what "hipcoach history" should do; capitals.
    history_commands = history.add_subparsers(dest="history_command", metavar=_("ACTION"))
    history_commands.required = True
    export = history_commands.add_parser("export", help=_("write all sessions as CSV or JSON"))
    export.add_argument(
        "--format", choices=("csv", "json"), default="csv", help=_("the file format")
    )
    export.add_argument(
        "-o",
        "--output",
        metavar=file_word,
        # TRANSLATORS: {file} is the placeholder translated as "FILE".
        help=_(
            "write to {file}, replacing it atomically (default, or '-': standard output)"
        ).format(file=file_word),
    )
    commands.add_parser(
        "install-desktop-entry",
        help=_("add hipcoach to the desktop's launcher (for pip and pipx installs)"),
    )
    commands.add_parser(
        "uninstall-desktop-entry", help=_("remove what install-desktop-entry added")
    )
    return parser


def _argparse_in_our_language() -> None:
    """Have argparse say its own words (usage, errors) through our catalogue.

    argparse looks its words up with the module-wide ``gettext`` it imported; the
    command line is the only user of argparse in this process.
    """
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def run_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run a sub-command; returns the exit status."""
    if args.command == "routines":
        return list_routines(out, err)
    if args.command == "validate":
        return validate(args.files, out, err)
    if args.command == "history":
        return export_history_command(args.format, args.output, out, err)
    if args.command == "install-desktop-entry":
        return install_desktop_entry(out, err)
    if args.command == "uninstall-desktop-entry":
        return uninstall_desktop_entry(out, err)
    raise AssertionError(f"unknown command {args.command!r}")


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def list_routines(out: TextIO, err: TextIO) -> int:
    from hipcoach.core.routines import load_library

    library = load_library(
        paths.assets_dir(), paths.custom_routines_dir(), paths.data_dir() / "patterns.json"
    )
    rows = [
        (
            r.id,
            r.routine.title,
            _duration(r.seconds),
            _("built-in") if r.builtin else _("custom"),
        )
        for r in library.routines
    ]
    # TRANSLATORS: the column headings of "hipcoach routines"; short words in capitals.
    head_id, head_time, head_kind, head_title = _("ID"), _("TIME"), _("KIND"), _("TITLE")
    width = max((len(row[0]) for row in rows), default=len(head_id))
    width = max(width, len(head_id))
    kind_width = max([len(head_kind), *(len(row[3]) for row in rows)])
    time_width = max(6, len(head_time))
    out.write(
        f"{head_id:<{width}}  {head_time:>{time_width}}  {head_kind:<{kind_width}}  {head_title}\n"
    )
    for rid, title, duration, kind in rows:
        out.write(f"{rid:<{width}}  {duration:>{time_width}}  {kind:<{kind_width}}  {title}\n")
    for problem in library.problems:
        err.write(_("skipped: {problem}").format(problem=problem) + "\n")
    return 0


def validate(files: Sequence[str], out: TextIO, err: TextIO) -> int:
    from pathlib import Path

    from hipcoach.core.problems import InvalidDocument
    from hipcoach.core.routines import file_identity, load_patterns, load_poses, validate_files

    assets = paths.assets_dir()
    try:
        patterns = load_patterns(paths.data_dir() / "patterns.json")
    except InvalidDocument as exc:
        for problem in exc.problems:
            err.write(f"{problem}\n")
        patterns = {}
    problems = validate_files(
        files, poses=load_poses(assets / "poses.json"), assets_dir=assets, patterns=patterns
    )
    for problem in problems:
        out.write(f"{problem}\n")
    if not problems:
        n = len({file_identity(Path(f)) for f in files})
        # TRANSLATORS: the English says "file(s)" in both forms; give each form its own words.
        out.write(ngettext("{n} file(s) valid", "{n} file(s) valid", n).format(n=n) + "\n")
    return 1 if problems else 0


def export_history_command(fmt: str, output: str | None, out: TextIO, err: TextIO) -> int:
    from pathlib import Path

    from hipcoach.core.history import HistoryStore
    from hipcoach.core.history_export import (
        ExportTargetError,
        export_history,
        export_history_to_file,
    )
    from hipcoach.core.os_reason import os_reason

    # Read-only: exporting must never repair, move or rewrite the person's files.
    store = HistoryStore(paths.history_file(), read_only=True)
    for problem in store.load().problems:
        err.write(f"hipcoach: {problem.message}\n")
    if output in (None, "-"):
        try:
            export_history(store, fmt, out)
            out.flush()
        except BrokenPipeError:
            # The reader stopped (`| head`): that is the reader's choice, not an error.
            _quiet_closed_stdout(out)
        return 0
    try:
        count = export_history_to_file(store, fmt, Path(output))
    except ExportTargetError as exc:
        err.write(f"hipcoach: {exc}\n")
        return 1
    except OSError as exc:
        message = _("cannot write {file}: {reason}").format(file=output, reason=os_reason(exc))
        err.write(f"hipcoach: {message}\n")
        return 1
    # TRANSLATORS: the English says "session(s)" in both forms; give each form its own words.
    written = ngettext(
        "{n} session(s) written to {file}", "{n} session(s) written to {file}", count
    ).format(n=count, file=output)
    err.write(written + "\n")
    return 0


def _quiet_closed_stdout(out: TextIO) -> None:
    """Point a closed standard output at the null device, so exiting does not complain."""
    import os

    try:
        fd = out.fileno()
    except (OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def install_desktop_entry(out: TextIO, err: TextIO) -> int:
    from hipcoach import desktop_entry

    data_home = desktop_entry.xdg_data_home()
    command = desktop_entry.launcher_command()
    try:
        written = desktop_entry.install(paths.assets_dir(), data_home, command)
    except OSError as exc:
        message = _("cannot install the launcher entry in {folder}: {reason}").format(
            folder=data_home, reason=exc
        )
        err.write(f"hipcoach: {message}\n")
        return 1
    for path in written:
        out.write(f"{path}\n")
    shown = _("hipcoach is in the desktop's launcher now; it starts {command}").format(
        command=command
    )
    out.write(shown + "\n")
    return 0


def uninstall_desktop_entry(out: TextIO, err: TextIO) -> int:
    from hipcoach import desktop_entry

    data_home = desktop_entry.xdg_data_home()
    try:
        removed = desktop_entry.uninstall(paths.assets_dir(), data_home)
    except OSError as exc:
        message = _("cannot remove the launcher entry from {folder}: {reason}").format(
            folder=data_home, reason=exc
        )
        err.write(f"hipcoach: {message}\n")
        return 1
    for path in removed:
        out.write(f"{path}\n")
    if removed:
        out.write(_("hipcoach is no longer in the desktop's launcher.") + "\n")
    else:
        out.write(
            _("There was no hipcoach launcher entry in {folder}.").format(folder=data_home) + "\n"
        )
    return 0


def _lang_in(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in ``argv`` (``--lang es`` or ``--lang=es``), if any."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``hipcoach`` and ``python -m hipcoach``."""
    argv = sys.argv[1:] if argv is None else list(argv)
    tray = False
    verbose = False
    # The usual launch, from a desktop icon, has no arguments: the window opens without
    # building the parser (its translated messages cost ~3 ms of start-up).
    quit_after = None
    if argv:
        # The help and the errors of the command line itself follow --lang or the desktop,
        # so --lang is read before the parser is built.
        i18n.request_language(_lang_in(argv))
        i18n.set_language(i18n.choose_language())
        _argparse_in_our_language()
        args = build_parser().parse_args(argv)
        if args.data_dir:
            paths.set_data_dir(args.data_dir)
        tray = args.tray
        verbose = args.verbose
        if args.command:
            # Commands follow --lang or the desktop; only the window reads the setting.
            problem = paths.data_dir_problem()
            if problem is not None:
                sys.stderr.write(f"hipcoach: {problem}\n")
                return 1
            # A command may run long (an export of years of history): collect as usual.
            launcher.resume_collection()
            try:
                return run_command(args, sys.stdout, sys.stderr)
            except BrokenPipeError:
                return 0
        quit_after = args.quit_after
    # The pure-Python core is loaded before Qt on purpose: PySide6 installs an import
    # hook that reads the source of every module imported after it (~15 ms at start-up).
    import hipcoach.core.routines
    import hipcoach.core.settings  # noqa: F401
    from hipcoach.ui.pyside_import_check import use_byte_search

    use_byte_search()
    from hipcoach.app import run_gui

    if quit_after is not None:
        _close_windows_after(quit_after)
    return run_gui(sys.argv[:1], tray=tray, verbose=verbose)


def _close_windows_after(seconds: float) -> None:
    """Say which windows are open after ``seconds``, then close them (a normal quit)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])

    def close() -> None:
        shown = [w.windowTitle() for w in qt_app.topLevelWidgets() if w.isVisible()]
        print(f"windows open: {len(shown)} ({', '.join(shown)})", flush=True)
        qt_app.closeAllWindows()
        qt_app.quit()  # also when a tray icon would keep it running

    QTimer.singleShot(round(seconds * 1000), close)
