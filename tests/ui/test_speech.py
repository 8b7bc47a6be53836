"""Spoken guidance with Qt's mock speech engine: what each screen says in both languages, amounts
read as money, volume, and that the voice really runs (Speaking, then Ready)."""

from __future__ import annotations

import math

import pytest
from PySide6.QtTextToSpeech import QTextToSpeech

from kiosk.clock import OffsetClock
from kiosk.session.state import Screen
from tests.ui.helpers import tap, type_digits, wait_screen
from ui.speech import Speaker, SpeechGuide, amount_words, speakable, spoken_text


@pytest.fixture
def speaker(qtbot):
    assert "mock" in QTextToSpeech.availableEngines()
    voice = Speaker("mock")
    qtbot.waitUntil(lambda: voice.ready, timeout=15000)  # made in its own process
    yield voice
    voice.stop()
    voice.close()


@pytest.mark.parametrize(
    ("fen", "zh", "en"),
    [
        (38411, "384元1角1分", "384 yuan 11 fen"),
        (38400, "384元", "384 yuan"),
        (38410, "384元1角", "384 yuan 10 fen"),
        (38401, "384元零1分", "384 yuan 1 fen"),
        (50, "5角", "50 fen"),
        (1, "1分", "1 fen"),
        (0, "0元", "0 yuan"),
        (1234500, "12345元", "12345 yuan"),
        (-697, "负6元9角7分", "minus 6 yuan 97 fen"),
    ],
)
def test_amounts_are_read_as_money(fen, zh, en):
    assert amount_words(fen, "zh") == zh
    assert amount_words(fen, "en") == en


def test_amounts_must_be_integer_fen():
    with pytest.raises(TypeError):
        amount_words(384.11, "zh")  # type: ignore[arg-type]


def test_screen_text_is_made_speakable():
    assert speakable("Pay ¥1,234.50", "en") == "Pay 1234 yuan 50 fen"
    assert speakable("缴纳 ¥384.11", "zh") == "缴纳 384元1角1分"
    assert speakable("¥100.00 × 2\n¥20.00 × 1", "zh") == "100元2张。20元1张"
    assert speakable("Account 3300 0000 01", "en") == "Account 3 3 0 0 0 0 0 0 0 1"
    assert speakable("since 2026-10-20", "en") == "since 2026-10-20"
    assert speakable("¥123456.00 due", "en") == "123456 yuan due"  # not spelt digit by digit


def test_volume_is_checked_and_reaches_the_engine(qtbot, speaker):
    speaker.volume = 0.3
    assert speaker.volume == 0.3
    qtbot.waitUntil(lambda: speaker.engine.volume() == pytest.approx(0.3, abs=0.01))
    for bad in (1.5, -0.1, math.nan, "loud"):
        with pytest.raises(ValueError, match="volume is from 0 to 1"):
            speaker.volume = bad
        assert speaker.volume == 0.3
    speaker.volume = 1
    qtbot.waitUntil(lambda: speaker.engine.volume() == pytest.approx(1.0, abs=0.01))


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="no text-to-speech engine"):
        Speaker("no-such-engine")


def test_the_voice_speaks_every_word_then_is_ready(qtbot, speaker):
    words: list[str] = []
    speaker.engine.sayingWord.connect(lambda word, *_: words.append(word))
    assert speaker.say("Please insert your notes", "en")
    qtbot.waitUntil(lambda: speaker.state() == QTextToSpeech.State.Speaking, timeout=5000)
    qtbot.waitUntil(lambda: speaker.state() == QTextToSpeech.State.Ready, timeout=10000)
    assert words == ["Please", "insert", "your", "notes"]
    assert speaker.engine.locale().language().name == "English"
    words.clear()
    assert speaker.repeat()
    qtbot.waitUntil(lambda: words == ["Please", "insert", "your", "notes"], timeout=10000)


def test_a_disabled_voice_says_nothing(qtbot, speaker):
    speaker.enabled = False
    assert not speaker.say("hello", "en")
    assert speaker.state() == QTextToSpeech.State.Ready
    speaker.enabled = True
    assert speaker.say("hello", "en")
    assert not speaker.say("   ", "en")


def say_here(window, language: str) -> str:
    state = window.session.state
    assert state.language == language
    return spoken_text(window, state)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_screen_of_a_cash_payment_is_spoken(qtbot, kiosk, window, language):
    kiosk.session.set_language(language)
    qtbot.waitUntil(lambda: kiosk.session.state.language == language)
    expected_title = {"zh": "电费自助缴费", "en": "Pay your electricity bill"}[language]
    text = say_here(window, language)
    assert expected_title in text
    assert window.screens[Screen.START].title.text() in text
    tap(qtbot, window, "start_type")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    type_digits(qtbot, window, "account", "3300000001")
    text = say_here(window, language)
    assert "3 3 0 0 0 0 0 0 0 1" in text
    assert window.screens[Screen.IDENTIFY].title.text() in text
    tap(qtbot, window, "account_key_ok")
    wait_screen(qtbot, window, Screen.ACCOUNT)
    due = kiosk.session.state.account.amount_due_fen
    text = say_here(window, language)
    assert amount_words(due, language) in text
    assert "¥" not in text
    # Card by card: the due amount is read right after its caption, not mixed with the other card.
    caption = window.screens[Screen.ACCOUNT].due_label.text()
    stop = {"zh": "。", "en": ". "}[language]
    assert f"{caption}{stop}{amount_words(due, language)}" in text
    assert window.screens[Screen.ACCOUNT].title.text() in text
    tap(qtbot, window, "pay_due")
    wait_screen(qtbot, window, Screen.METHOD)
    text = say_here(window, language)
    assert window.screens[Screen.METHOD].title.text() in text
    assert amount_words(due, language) in text
    tap(qtbot, window, "method_cash")
    wait_screen(qtbot, window, Screen.CONFIRM)
    text = say_here(window, language)
    assert window.screens[Screen.CONFIRM].confirm_button.text() in text
    assert amount_words(due, language) in text
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.CASH)
    qtbot.waitUntil(lambda: kiosk.acceptor.enabled, timeout=5000)
    kiosk.acceptor.insert(10000)
    qtbot.waitUntil(lambda: kiosk.session.state.notes == (10000,), timeout=5000)
    qtbot.waitUntil(lambda: window.screens[Screen.CASH].done_button.isEnabled(), timeout=5000)
    text = say_here(window, language)
    assert {"zh": "100元1张", "en": "1 × 100 yuan"}[language] in text
    assert amount_words(due - 10000, language) in text  # still to pay
    tap(qtbot, window, "cash_done")
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    text = say_here(window, language)
    assert amount_words(10000, language) in text
    assert window.screens[Screen.RESULT].done_button.text() in text


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_idle_warning_is_spoken_first(qtbot, kiosk, window, language):
    kiosk.session.set_language(language)
    tap(qtbot, window, "start_type")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    clock = kiosk.clock
    assert isinstance(clock, OffsetClock)
    settings = kiosk.settings.session
    clock.advance(settings.idle_timeout_s - settings.warning_s + 1)
    kiosk.session.tick()
    qtbot.waitUntil(lambda: window.warning.isVisible(), timeout=5000)
    text = say_here(window, language)
    assert text.startswith(window.warning_text.text().split("\n")[0][:8])
    assert window.extend_button.text() in text


def test_notice_is_spoken_in_both_languages(qtbot, kiosk, window):
    tap(qtbot, window, "start_type")
    type_digits(qtbot, window, "account", "3300009999")
    tap(qtbot, window, "account_key_ok")
    wait_screen(qtbot, window, Screen.NOTICE)
    zh = say_here(window, "zh")
    assert "3 3 0 0 0 0 9 9 9 9" in zh and "抱歉" in zh
    kiosk.session.set_language("en")
    qtbot.waitUntil(lambda: window.screens[Screen.NOTICE].title.text() == "Sorry")
    en = say_here(window, "en")
    assert en.startswith("Sorry") and "3 3 0 0 0 0 9 9 9 9" in en


def test_the_guide_reads_on_request_follows_screens_and_warns(qtbot, kiosk, window, speaker):
    guide = SpeechGuide(window, speaker)
    spoken: list[str] = []
    speaker.engine.stateChanged.connect(
        lambda s: spoken.append(speaker.last_text) if s == QTextToSpeech.State.Speaking else None
    )
    first = guide.start()
    assert first and speaker.last_text == first
    qtbot.waitUntil(lambda: len(spoken) == 1, timeout=5000)
    guide.start()  # repeatable: the same screen again
    assert speaker.last_text == first
    tap(qtbot, window, "start_type")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    qtbot.waitUntil(lambda: window.screens[Screen.IDENTIFY].title.text() in speaker.last_text)
    clock = kiosk.clock
    settings = kiosk.settings.session
    clock.advance(settings.idle_timeout_s - settings.warning_s + 1)
    kiosk.session.tick()
    qtbot.waitUntil(lambda: window.warning.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: speaker.last_text.startswith(window.warning_text.text()[:6]))
    tap(qtbot, window, "back")
    wait_screen(qtbot, window, Screen.START)
    assert not guide.following
