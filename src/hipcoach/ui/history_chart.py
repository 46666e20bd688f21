"""The eight-week chart: practised minutes per day as bars, with the day under the pointer."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from hipcoach.i18n import _
from hipcoach.ui.formatting import counted, number
from hipcoach.ui.history_stats_text import minutes_text


def day_label(day: date) -> str:
    """A day under the chart, as "31 Mar", the month in the current language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def day_name(day: date) -> str:
    """A day in the chart's tooltip, as "Sun 31 Mar", in the current language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")


def scale_label(minutes: str) -> str:
    """A mark on the chart's minutes scale, as "30 min"."""
    # TRANSLATORS: a mark on the history chart's scale; {minutes} is a number.
    return _("{minutes} min").format(minutes=minutes)


class DailyMinutesChart(QWidget):
    """Bars of practised minutes per day, oldest on the left, painted with QPainter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: tuple[tuple[date, float], ...] = ()
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.retranslate()

    def retranslate(self) -> None:
        """Its name for screen readers in the current language (the rest is painted)."""
        self.setAccessibleName(_("Daily minutes, last eight weeks"))
        self.update()

    def set_days(self, days: tuple[tuple[date, float], ...]) -> None:
        self._days = days
        total = sum(m for _day, m in days)
        active = sum(1 for _day, m in days if m > 0)
        n = len(days)
        self.setAccessibleDescription(
            counted(
                n,
                "{minutes} on {active} of the last {n} day",
                "{minutes} on {active} of the last {n} days",
                minutes=minutes_text(total),
                active=number(active),
            )
        )
        self.update()

    @property
    def days(self) -> tuple[tuple[date, float], ...]:
        return self._days

    def _plot_rect(self) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance(scale_label("000")) + 8
        return QRectF(left, 6, self.width() - left - 6, self.height() - fm.height() - 14)

    @staticmethod
    def _scale_top(peak: float) -> float:
        for step in (10, 20, 30, 45, 60, 90, 120, 180, 240):
            if peak <= step:
                return float(step)
        return float(int(peak / 60 + 1) * 60)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        grid = QColor(text)
        grid.setAlpha(40)
        rect = self._plot_rect()
        fm = self.fontMetrics()
        if not self._days or rect.width() <= 0 or rect.height() <= 0:
            painter.end()
            return
        peak = max(m for _day, m in self._days)
        top = self._scale_top(peak) if peak > 0 else 30.0

        # Grid and y labels: zero, half, top.
        painter.setFont(self.font())
        for frac in (0.0, 0.5, 1.0):
            y = rect.bottom() - frac * rect.height()
            painter.setPen(grid)
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            painter.setPen(text)
            label = scale_label(QLocale().toString(round(top * frac)))
            painter.drawText(
                QRectF(0, y - fm.height() / 2, rect.left() - 6, fm.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )

        n = len(self._days)
        slot = rect.width() / n
        gap = max(1.0, slot * 0.2)
        bar_colour = pal.color(QPalette.ColorRole.Highlight)
        today_colour = bar_colour.darker(140)
        for i, (day, minutes) in enumerate(self._days):
            x = rect.left() + i * slot
            if day.weekday() == 0 and i:
                painter.setPen(grid)  # a faint line before each Monday
                painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            if minutes > 0:
                h = max(2.0, min(1.0, minutes / top) * rect.height())
                painter.fillRect(
                    QRectF(x + gap / 2, rect.bottom() - h, slot - gap, h),
                    today_colour if i == n - 1 else bar_colour,
                )
            # Label each Monday, and the first day if the first Monday is far enough away.
            if day.weekday() == 0 or (i == 0 and day.weekday() <= 3):
                painter.setPen(text)
                painter.drawText(
                    QRectF(x, rect.bottom() + 4, slot * 7, fm.height()),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                    day_label(day),
                )
        if peak == 0:
            painter.setPen(text)
            painter.drawText(
                rect, int(Qt.AlignmentFlag.AlignCenter), _("No practice in these weeks yet")
            )
        painter.end()

    def day_at(self, x: float) -> tuple[date, float] | None:
        rect = self._plot_rect()
        if not self._days or not rect.left() <= x < rect.right():
            return None
        i = int((x - rect.left()) / (rect.width() / len(self._days)))
        return self._days[min(i, len(self._days) - 1)]

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.day_at(event.pos().x())
            if hit is None:
                QToolTip.hideText()
            else:
                day, minutes = hit
                # TRANSLATORS: a day's bar in the history chart, as "Sun 31 Mar: 20 min".
                tip = _("{day}: {minutes}").format(day=day_name(day), minutes=minutes_text(minutes))
                QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)
