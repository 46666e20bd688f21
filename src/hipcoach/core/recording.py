"""Turning a running session into history: checkpoints while it runs, a record when it ends."""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from hipcoach.core.driver import SessionUpdate
from hipcoach.core.history import HistoryStore
from hipcoach.core.history_format import CheckIn, SessionRecord, new_session_id
from hipcoach.core.history_problems import HistoryProblem
from hipcoach.core.session import Session
from hipcoach.core.session_events import MARK_EVERY, Mark, PartStarted, Started
from hipcoach.core.timeline import Side

#: Seconds of practice a crash can lose at most: a checkpoint at every ``Mark``.
CHECKPOINT_EVERY = MARK_EVERY


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
        routine_title=session.title,
        planned_seconds=round(session.planned_seconds, 3),
        practised_seconds=round(session.practised_seconds, 3),
        completed=session.completed,
        steps_done=session.steps_done,
        steps_total=len(routine.steps),
        left_seconds=round(session.side_seconds(Side.LEFT), 3),
        right_seconds=round(session.side_seconds(Side.RIGHT), 3),
        sleep_pauses=tuple(session.sleep_pauses),
        checkin_before=checkin_before,
        checkin_after=checkin_after,
    )


class SessionRecorder:
    """Saves the session in progress at every part change and every 30 s, and the result at the end.

    Subscribe ``session_changed`` to the session driver. ``report`` receives any
    problem the store returns, for the window to show.
    """

    def __init__(
        self,
        store: HistoryStore,
        report: Callable[[HistoryProblem], None] = lambda problem: None,
    ):
        self._store = store
        self._report = report
        self._session: Session | None = None
        self._id = ""
        self.checkin_before: CheckIn | None = None
        #: The check-in given before the next session starts; used up when it does.
        self.next_checkin_before: CheckIn | None = None
        #: What was recorded when the last session ended (None: nothing worth keeping).
        self.last_record: SessionRecord | None = None

    @property
    def session_id(self) -> str:
        return self._id

    def started(self, session: Session, checkin_before: CheckIn | None = None) -> None:
        """Begin recording ``session`` under a new id and write its first checkpoint
        (a checkpoint that cannot be written is reported, never raised)."""
        self._session, self._id = session, new_session_id()
        self.checkin_before = checkin_before
        self._checkpoint()

    def session_changed(self, update: SessionUpdate) -> None:
        """Start recording, checkpoint or record the end, as this update of the driver needs."""
        if any(isinstance(e, Started) for e in update.events):
            self.last_record = None
            self.started(update.session, self.next_checkin_before)
            self.next_checkin_before = None
            if not update.ended:
                return  # started() has just saved the first checkpoint
        if update.session is not self._session:
            return
        if update.ended:
            self.last_record = self.ended(update.session)
        elif any(isinstance(e, PartStarted | Mark) for e in update.events):
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
        record = record_of(self._session, self._id, checkin_before=self.checkin_before)
        self._emit(self._store.checkpoint(record))

    def _emit(self, problem: HistoryProblem | None) -> None:
        if problem is not None:
            self._report(problem)
