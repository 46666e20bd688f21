"""Make your own: the routine editor, the breathing-pattern editor, and the routine actions."""

from hipcoach.ui.editor.pattern_editor import PatternEditor
from hipcoach.ui.editor.routine_editor import RoutineEditor
from hipcoach.ui.editor.routine_list_actions import RoutineActions

__all__ = ["PatternEditor", "RoutineActions", "RoutineEditor"]
