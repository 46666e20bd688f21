"""Problems shown next to the field they are about: a red border and a message below it.

Problems come from the same validation as routine files, each with a JSON path
such as ``$.steps[2].pattern.inhale``. ``split_problems`` sorts them into the
routine's own fields and each step's; ``FieldMessages`` finds the widget for a
key, falling back to shorter keys ("pattern.ramp.until" -> "pattern.ramp" ->
"pattern" -> "") so every problem is shown somewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hipcoach.core.problems import Problem, field_message
from hipcoach.ui.plain_text import PlainLabel

#: Applied to the editors; a widget with the ``problem`` property set gets a red frame.
PROBLEM_STYLE = """
*[problem="true"] { border: 2px solid #c62828; border-radius: 3px; padding: 1px; }
QLabel[role="problem"] { color: #b71c1c; }
QLabel[role="hint"] { color: palette(placeholder-text); }
"""

_STEP = re.compile(r"^\$\.steps\[(\d+)\](?:\.(.*))?$")
_INDEX = re.compile(r"\[\d+\]")


def _key(rest: str) -> str:
    return _INDEX.sub("", rest)


FieldProblems = dict[str, list[Problem]]


def split_problems(problems: Iterable[Problem]) -> tuple[FieldProblems, dict[int, FieldProblems]]:
    """Problems of the routine's own fields, and of each step, keyed by field."""
    top: FieldProblems = {}
    steps: dict[int, FieldProblems] = {}
    for problem in problems:
        path = problem.path or "$"
        if m := _STEP.match(path):
            target = steps.setdefault(int(m[1]), {})
            key = _key(m[2] or "")
        else:
            target = top
            key = _key(path.removeprefix("$").removeprefix("."))
        target.setdefault(key, []).append(problem)
    return top, steps


def messages_text(problems: Iterable[Problem]) -> str:
    """The messages of some problems, one a line."""
    return "\n".join(field_message(p) for p in problems)


def message_label() -> QLabel:
    label = PlainLabel()
    label.setProperty("role", "problem")
    label.setWordWrap(True)
    label.hide()
    return label


def with_message(widget: QWidget, label: QLabel | None = None) -> tuple[QWidget, QLabel]:
    """``widget`` with a (hidden until needed) problem message underneath."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    label = label or message_label()
    layout.addWidget(label)
    return box, label


class FieldMessages:
    """Which widget and message label show the problems of which field key."""

    def __init__(self, fallback: QLabel):
        self._fields: dict[str, tuple[list[QWidget], QLabel]] = {"": ([], fallback)}
        self._aliases: dict[str, str] = {}
        self._shown: dict[str, str] = {}

    def add(self, key: str, widgets: QWidget | list[QWidget], label: QLabel, *aliases: str) -> None:
        """Show problems of ``key`` (and of the ``aliases``, such as 'cycles') on ``widgets``."""
        self._fields[key] = (widgets if isinstance(widgets, list) else [widgets], label)
        self._aliases.update(dict.fromkeys(aliases, key))

    def resolve(self, key: str) -> str:
        while key not in self._fields and key not in self._aliases:
            key = key.rpartition(".")[0]
        return self._aliases.get(key, key)

    def show(self, problems: Mapping[str, list[Problem]]) -> None:
        grouped: dict[str, list[Problem]] = {}
        for key, found in problems.items():
            grouped.setdefault(self.resolve(key), []).extend(found)
        self._shown = {key: messages_text(found) for key, found in grouped.items()}
        for key, (widgets, label) in self._fields.items():
            text = self._shown.get(key, "")
            if text:
                label.setText(text)
                # Once a message has been shown its room stays: when it clears, the
                # fields below do not jump up under the pointer.
                policy = label.sizePolicy()
                policy.setRetainSizeWhenHidden(True)
                label.setSizePolicy(policy)
            label.setVisible(bool(text))
            for widget in widgets:
                mark(widget, bool(text))

    def message(self, key: str) -> str:
        """The message shown for ``key`` ("" if none)."""
        return self._shown.get(self._aliases.get(key, key), "")

    def has(self, key: str) -> bool:
        return key in self._fields or key in self._aliases


def mark(widget: QWidget, problem: bool) -> None:
    if bool(widget.property("problem")) == problem:
        return
    widget.setProperty("problem", problem)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()
