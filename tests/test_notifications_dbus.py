"""Desktop notifications against a private bus and a recording notification service."""

from __future__ import annotations

from hipcoach.platform.notifications import DesktopNotifications

ACTIONS = [("start", "Start now"), ("later", "In 10 minutes"), ("skip", "Skip")]


def test_notify_sends_the_actions_and_returns_the_id(desktop_service, connection):
    calls = desktop_service("notifications")
    notes = DesktopNotifications("hipcoach", connection=connection)
    assert notes.supports_actions()
    note_id = notes.notify("Time for a movement break", "Two-minute reset", ACTIONS)
    assert note_id == 1
    notify = [c for c in calls() if c[0] == "Notify"]
    assert notify == [
        [
            "Notify", "hipcoach", 0, "", "Time for a movement break", "Two-minute reset",
            ["start", "Start now", "later", "In 10 minutes", "skip", "Skip"], 0, 1,
        ]
    ]  # fmt: skip
    assert notify[0][6][1].startswith("Start")


def test_the_body_is_sent_as_plain_text(desktop_service, connection):
    calls = desktop_service("notifications")
    notes = DesktopNotifications("hipcoach", connection=connection)
    notes.notify("Break", "Hips <b>& back", ACTIONS)
    assert calls()[-1][5] == "Hips &lt;b&gt;&amp; back"


def test_choosing_start_is_reported_with_its_key(qtbot, desktop_service, connection):
    desktop_service("notifications-start")
    notes = DesktopNotifications("hipcoach", connection=connection)
    with qtbot.waitSignal(notes.actionInvoked, timeout=10_000) as signal:
        note_id = notes.notify("Break", "Two-minute reset", ACTIONS)
    assert signal.args == [note_id, "start"]


def test_without_a_notification_service_notify_returns_none(connection):
    notes = DesktopNotifications("hipcoach", connection=connection)
    assert notes.supports_actions() is False
    assert notes.notify("Break", "", ACTIONS) is None


def test_without_a_session_bus_nothing_is_sent(qapp):
    # conftest removes DBUS_SESSION_BUS_ADDRESS.
    notes = DesktopNotifications("hipcoach")
    assert notes.supports_actions() is False
    assert notes.notify("Break", "", ACTIONS) is None


def test_a_service_without_qt_type_names_gets_the_specifications_types(desktop_service, connection):
    # GNOME Shell, dunst and xfce4-notifyd describe the hints as a bare a{sv}: a call
    # marshalled from that description alone never reached them.
    calls = desktop_service("notifications-strict")
    notes = DesktopNotifications("hipcoach", connection=connection)
    assert notes.supports_actions()
    # (The stand-in's reply is not checked: from Python it can only answer an int32 id.)
    notes.notify("Hora de una pausa activa", "Pausa de dos minutos (silla)", ACTIONS)
    notify = [c for c in calls() if c[0] == "Notify"]
    assert [c[1] for c in notify] == ["susssasa{sv}i"]
    assert notify[0][5] == "Hora de una pausa activa"
    assert notify[0][7] == ["start", "Start now", "later", "In 10 minutes", "skip", "Skip"]
