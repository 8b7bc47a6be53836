"""Technician device tests through the console: one note accepted and given back (nothing
credited), the speaker speaking a test sentence (Qt's mock engine), the masked settings."""

from __future__ import annotations

import pytest
from PySide6.QtTextToSpeech import QTextToSpeech

from drivers.cash.fake import FakeAcceptor
from kiosk.app import Kiosk
from kiosk.staff import audit
from tests.ui.helpers import tap, text_of
from tests.ui.test_staff_console import TECH, TECH_PIN, console_of, make_desk, sign_in
from ui.main_window import MainWindow
from ui.speech import Speaker
from ui.staff.console import StaffConsole
from ui.widgets import TOUCH


@pytest.fixture
def speaker(qtbot):
    assert "mock" in QTextToSpeech.availableEngines()
    voice = Speaker("mock")
    qtbot.waitUntil(lambda: voice.ready, timeout=15000)  # made in its own process
    yield voice
    voice.stop()
    voice.close()


def open_as_technician(qtbot, window: MainWindow, kiosk: Kiosk, **console: object) -> StaffConsole:
    window.session.set_language("en")
    window.render()
    desk = make_desk(kiosk)
    window.staff_console_factory = lambda: StaffConsole(kiosk, desk, idle_check_ms=50, **console)
    window.open_staff_console()
    sign_in(qtbot, window, TECH, TECH_PIN)
    found = console_of(window)
    assert found.stack.currentWidget() is found.technician
    return found


def test_a_test_note_is_given_back_and_never_credited(
    qtbot, window: MainWindow, kiosk: Kiosk
) -> None:
    acceptor = kiosk.acceptor
    assert isinstance(acceptor, FakeAcceptor)
    console = open_as_technician(qtbot, window, kiosk)
    tap(qtbot, window, "staff_tech_note")
    assert "Insert one banknote" in text_of(window, "staff_tech_result")
    qtbot.waitUntil(lambda: acceptor.enabled, timeout=10000)
    assert console.technician.note_stop.isVisible()
    acceptor.insert(5000)
    qtbot.waitUntil(lambda: console.technician.note_result is not None, timeout=10000)
    assert text_of(window, "staff_tech_result") == (
        "Note test passed: a ¥50.00 note was recognised and given back."
    )
    assert acceptor.returned == [5000] and acceptor.stacked == [] and not acceptor.enabled
    assert kiosk.journal.all_notes() == [] and kiosk.journal.list_transactions() == []
    assert not console.technician.note_stop.isVisible()
    (entry,) = [e for e in audit.entries(kiosk.journal) if e.action == "tech_note_test"]
    assert entry.actor == TECH and entry.after["outcome"] == "returned"


def test_the_note_test_can_be_stopped(qtbot, window: MainWindow, kiosk: Kiosk) -> None:
    acceptor = kiosk.acceptor
    assert isinstance(acceptor, FakeAcceptor)
    console = open_as_technician(qtbot, window, kiosk)
    tap(qtbot, window, "staff_tech_note")
    qtbot.waitUntil(lambda: acceptor.enabled, timeout=10000)
    tap(qtbot, window, "staff_tech_note_stop")
    qtbot.waitUntil(lambda: console.technician.note_result is not None, timeout=10000)
    assert text_of(window, "staff_tech_result") == "Note test stopped."
    assert not acceptor.enabled and kiosk.journal.all_notes() == []


def test_logging_out_ends_a_running_note_test(qtbot, window: MainWindow, kiosk: Kiosk) -> None:
    acceptor = kiosk.acceptor
    assert isinstance(acceptor, FakeAcceptor)
    console = open_as_technician(qtbot, window, kiosk)
    tap(qtbot, window, "staff_tech_note")
    qtbot.waitUntil(lambda: acceptor.enabled, timeout=10000)
    tap(qtbot, window, "staff_technician_back")  # Log out
    qtbot.waitUntil(lambda: console.technician.note_result is not None, timeout=10000)
    assert console.technician.note_result.outcome == "cancelled"
    assert not acceptor.enabled


def test_the_speaker_speaks_a_test_sentence(
    qtbot, window: MainWindow, kiosk: Kiosk, speaker: Speaker
) -> None:
    open_as_technician(qtbot, window, kiosk, speaker=speaker)
    states: list[QTextToSpeech.State] = []
    speaker.engine.stateChanged.connect(states.append)
    tap(qtbot, window, "staff_tech_speaker")
    sentence = "Speaker test. Welcome to the self-service electricity payment kiosk."
    assert speaker.last_text == sentence and speaker.last_language == "en"
    assert text_of(window, "staff_tech_result") == f"Speaking: {sentence}"
    qtbot.waitUntil(lambda: QTextToSpeech.State.Speaking in states, timeout=5000)
    qtbot.waitUntil(lambda: speaker.state() == QTextToSpeech.State.Ready, timeout=15000)
    assert "tech_speaker_test" in [e.action for e in audit.entries(kiosk.journal)]


def test_the_settings_page_masks_the_secret(qtbot, window: MainWindow, kiosk: Kiosk) -> None:
    console = open_as_technician(qtbot, window, kiosk)
    tap(qtbot, window, "staff_tech_config")
    assert console.stack.currentWidget() is console.config
    text = console.config.text.toPlainText()
    assert f"kiosk.id = {kiosk.settings.kiosk.id}" in text
    assert "backend.secret = ******** (set)" in text
    assert kiosk.settings.backend.resolved_secret() not in text
    assert console.config.text.isReadOnly()
    assert "Set at this kiosk" not in text  # nothing set here yet
    qtbot.waitUntil(
        lambda: "tech_config_viewed" in [e.action for e in audit.entries(kiosk.journal)],
        timeout=5000,
    )
    tap(qtbot, window, "staff_config_back")
    assert console.stack.currentWidget() is console.technician


def test_the_settings_page_shows_what_was_set_at_the_kiosk(
    qtbot, window: MainWindow, kiosk: Kiosk
) -> None:
    from kiosk.staff.access import Actor

    kiosk.local_settings.set(Actor(TECH, "technician"), "voice_volume", 0.5)
    kiosk.local_settings.set(Actor(TECH, "technician"), "click_sound", False)
    console = open_as_technician(qtbot, window, kiosk)
    tap(qtbot, window, "staff_tech_config")
    shown = (
        "# Set at this kiosk by a technician (these win):\n"
        "ui.voice_volume = 0.5\nui.click_sound = false"
    )
    qtbot.waitUntil(lambda: console.config.text.toPlainText().endswith(shown), timeout=5000)
    assert "ui.voice_volume = 0.8" in console.config.text.toPlainText()  # the config file's


def test_the_technician_turns_the_voice_down_and_up_and_it_is_kept(
    qtbot, window: MainWindow, kiosk: Kiosk, speaker: Speaker
):
    open_as_technician(qtbot, window, kiosk, speaker=speaker)
    assert speaker.volume == 0.8  # the kiosk's [ui] voice_volume when it started
    tap(qtbot, window, "staff_tech_quieter")
    tap(qtbot, window, "staff_tech_quieter")
    assert speaker.volume == 0.6  # at once; the disk follows on the journal's writer
    kept = "Voice volume: 60%, kept after a restart"
    qtbot.waitUntil(lambda: text_of(window, "staff_tech_result") == kept, timeout=5000)
    qtbot.waitUntil(lambda: speaker.engine.volume() == pytest.approx(0.6), timeout=5000)
    for _ in range(6):
        tap(qtbot, window, "staff_tech_louder")
    assert speaker.volume == 1.0  # no louder than the engine's full volume
    qtbot.waitUntil(lambda: speaker.engine.volume() == pytest.approx(1.0), timeout=5000)
    kept = "Voice volume: 100%, kept after a restart"
    qtbot.waitUntil(lambda: text_of(window, "staff_tech_result") == kept, timeout=5000)
    assert kiosk.local_settings.stored().voice_volume == 1.0
    changes = [
        (e.actor, e.after)
        for e in audit.entries(kiosk.journal)
        if (e.action, e.target) == ("setting_changed", "voice_volume")
    ]
    assert changes[:2] == [(TECH, {"voice_volume": 0.7}), (TECH, {"voice_volume": 0.6})]
    assert changes[-1] == (TECH, {"voice_volume": 1.0})


def test_the_technician_switches_the_click_off_and_on_and_it_is_kept(
    qtbot, window: MainWindow, kiosk: Kiosk
):
    open_as_technician(qtbot, window, kiosk)
    assert window.click_sound_on()  # [ui] click_sound = true
    tap(qtbot, window, "staff_tech_click")
    assert not window.click_sound_on() and TOUCH.click is None  # silent from the next touch
    kept = "Click sound off, kept after a restart"
    qtbot.waitUntil(lambda: text_of(window, "staff_tech_result") == kept, timeout=5000)
    assert kiosk.local_settings.stored().click_sound is False
    tap(qtbot, window, "staff_tech_click")
    assert window.click_sound_on() and TOUCH.click is not None
    kept = "Click sound on, kept after a restart"
    qtbot.waitUntil(lambda: text_of(window, "staff_tech_result") == kept, timeout=5000)
    assert kiosk.local_settings.stored().click_sound is True
    window.set_click_sound(False)  # no player left running for later tests
