"""Turning a running session into history: checkpoints while it runs, a record when it ends."""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from hipcoach.core.history import (
    CheckIn,
    HistoryProblem,
    HistoryStore,
    SessionRecord,
    SleepPause,
    new_session_id,
)
from hipcoach.core.session import Session, Snapshot
from hipcoach.core.timeline import Side

#: A running session is saved at least this often, so a crash loses at most this much.
CHECKPOINT_EVERY = 30.0


def record_of(
    session: Session,
    session_id: str,
    *,
    checkin_before: CheckIn | None = None,
    checkin_after: CheckIn | None = None,
) -> SessionRecord:
    """The history record of ``session`` as it stands now (finished or not)."""
    routine = session.timeline.routine
    started = session.started_at or session.ended_or_now()
    return SessionRecord(
        id=session_id,
        started_at=started,
        ended_at=max(started, session.ended_or_now()),
        routine_id=routine.id,
        routine_title=routine.title,
        planned_seconds=round(session.planned_seconds, 3),
        practised_seconds=round(session.practised_seconds, 3),
        completed=session.completed,
        steps_done=session.steps_done,
        steps_total=len(routine.steps),
        left_seconds=round(session.side_seconds(Side.LEFT), 3),
        right_seconds=round(session.side_seconds(Side.RIGHT), 3),
        sleep_pauses=tuple(SleepPause(at=p.at, seconds=p.seconds) for p in session.sleep_pauses),
        checkin_before=checkin_before,
        checkin_after=checkin_after,
    )


class SessionRecorder:
    """Saves the session in progress at every part change and every 30 s, and the result at the end.

    ``report`` receives any problem the store returns, for the window to show.
    """

    def __init__(
        self,
        store: HistoryStore,
        monotonic: Callable[[], float],
        report: Callable[[HistoryProblem], None] = lambda problem: None,
    ):
        self._store = store
        self._monotonic = monotonic
        self._report = report
        self._session: Session | None = None
        self._id = ""
        self._last_checkpoint = 0.0
        self.checkin_before: CheckIn | None = None

    @property
    def session_id(self) -> str:
        return self._id

    def started(self, session: Session, checkin_before: CheckIn | None = None) -> None:
        self._session, self._id = session, new_session_id()
        self.checkin_before = checkin_before
        self._checkpoint()

    def ticked(self, snapshot: Snapshot) -> None:
        due = self._monotonic() - self._last_checkpoint >= CHECKPOINT_EVERY
        if self._session is not None and snapshot.active and due:
            self._checkpoint()

    def part_changed(self, snapshot: Snapshot) -> None:
        if self._session is not None:
            self._checkpoint()

    def ended(self, session: Session, checkin_after: CheckIn | None = None) -> SessionRecord | None:
        """Record the finished or stopped session; returns what was recorded."""
        if session is not self._session:
            return None
        if session.practised_seconds <= 0:
            # Stopped during the get-ready countdown: nothing was practised, nothing to keep.
            self._session = None
            self._store.discard_checkpoint(self._id)
            return None
        record = record_of(
            session, self._id, checkin_before=self.checkin_before, checkin_after=checkin_after
        )
        self._session = None
        self._emit(self._store.add(record))
        return record

    def amend_checkin_after(self, record: SessionRecord, checkin: CheckIn) -> None:
        """Attach the after-session check-in, which the person gives once the session is saved."""
        self._emit(self._store.add(msgspec.structs.replace(record, checkin_after=checkin)))

    def _checkpoint(self) -> None:
        assert self._session is not None
        self._last_checkpoint = self._monotonic()
        record = record_of(self._session, self._id, checkin_before=self.checkin_before)
        self._emit(self._store.checkpoint(record))

    def _emit(self, problem: HistoryProblem | None) -> None:
        if problem is not None:
            self._report(problem)
