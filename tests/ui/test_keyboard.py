"""The on-screen keyboard, tapped like a resident would (real Qt widgets, offscreen platform)."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.pinyin_index import MAX_INPUT, default_index
from ui.a11y import check_window
from ui.keyboard import OnScreenKeyboard, key_name, warm_up
from ui.theme import A11Y_SENIOR, stylesheet


@pytest.fixture(scope="module", autouse=True)
def _index_built() -> None:
    warm_up().join(60)
    default_index()


def _make(qtbot, **kwargs) -> OnScreenKeyboard:
    host = QWidget()
    host.setStyleSheet(stylesheet(False))
    layout = QVBoxLayout(host)
    kb = OnScreenKeyboard(**kwargs)
    layout.addWidget(kb)
    qtbot.addWidget(host)
    host.resize(1920, 640)
    host.show()
    kb.test_host = host  # the Python reference keeps the parent (and so the keyboard) alive
    return kb


@pytest.fixture
def kb(qtbot) -> OnScreenKeyboard:
    return _make(qtbot, max_length=20)


def _button(kb: OnScreenKeyboard, name: str) -> QPushButton:
    found = [b for b in kb.findChildren(QPushButton, name) if b.isVisible()]
    assert found, f"no visible key {name!r}"
    return found[0]


def tap(qtbot, kb: OnScreenKeyboard, name: str) -> None:
    button = _button(kb, name)
    assert button.isEnabled(), f"key {name!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_keys(qtbot, kb: OnScreenKeyboard, chars: str) -> None:
    for ch in chars:
        tap(qtbot, kb, key_name(ch))


def pick(qtbot, kb: OnScreenKeyboard, text: str, pages: int = 8) -> int:
    """Tap the candidate `text`, paging forward if needed; its position on its page."""
    for _ in range(pages):
        shown = kb.candidates()
        if text in shown:
            slot = shown.index(text)
            assert _button(kb, f"kb_cand_{slot}").text() == text
            tap(qtbot, kb, f"kb_cand_{slot}")
            return slot
        tap(qtbot, kb, "kb_cand_next")
    raise AssertionError(f"{text} is not among the candidates")


def test_zhang_offers_zhang_first_and_commits_it(qtbot, kb: OnScreenKeyboard) -> None:
    changes: list[str] = []
    kb.text_changed.connect(changes.append)
    type_keys(qtbot, kb, "zhang")
    assert kb.composition() == "zhang"
    assert "张" in kb.candidates()[:3]
    assert _button(kb, "kb_cand_0").isVisible()
    pick(qtbot, kb, "张")
    assert (kb.text(), kb.composition()) == ("张", "")
    assert changes == ["张"]


def test_full_name_syllable_by_syllable(qtbot, kb: OnScreenKeyboard) -> None:
    type_keys(qtbot, kb, "zhangsanming")
    assert pick(qtbot, kb, "张") < 3
    assert kb.composition() == "sanming"
    assert pick(qtbot, kb, "三") < 3
    assert kb.composition() == "ming"
    pick(qtbot, kb, "明")
    assert (kb.text(), kb.composition()) == ("张三明", "")


def test_whole_input_guess_commits_with_space_or_ok(qtbot, kb: OnScreenKeyboard) -> None:
    type_keys(qtbot, kb, "zhangsan")
    assert kb.candidates()[0] == "张三"
    tap(qtbot, kb, "kb_space")
    assert kb.text() == "张三"
    submitted: list[str] = []
    kb.submitted.connect(submitted.append)
    type_keys(qtbot, kb, "ming")
    tap(qtbot, kb, "kb_ok")  # OK commits what is composed, then submits
    assert submitted == [kb.text()]
    assert len(kb.text()) == 3 and kb.text().startswith("张三")


def test_candidate_paging(qtbot, kb: OnScreenKeyboard) -> None:
    type_keys(qtbot, kb, "zh")
    first = kb.candidates()
    assert not _button(kb, "kb_cand_prev").isEnabled()
    tap(qtbot, kb, "kb_cand_next")
    second = kb.candidates()
    assert second and not set(first) & set(second)
    tap(qtbot, kb, "kb_cand_prev")
    assert kb.candidates() == first


def test_backspace_edits_composition_first(qtbot, kb: OnScreenKeyboard) -> None:
    type_keys(qtbot, kb, "zhang")
    pick(qtbot, kb, "张")
    type_keys(qtbot, kb, "sa")
    tap(qtbot, kb, "kb_backspace")
    assert (kb.text(), kb.composition()) == ("张", "s")
    tap(qtbot, kb, "kb_backspace")
    assert (kb.text(), kb.composition()) == ("张", "")
    assert kb.candidates() == []
    tap(qtbot, kb, "kb_backspace")
    assert kb.text() == ""
    tap(qtbot, kb, "kb_backspace")  # nothing left: still nothing, no error
    assert kb.text() == ""


def test_latin_with_shift_and_caps_lock(qtbot, kb: OnScreenKeyboard) -> None:
    tap(qtbot, kb, "kb_mode_en")
    assert kb.mode() == "en"
    tap(qtbot, kb, "kb_shift")
    assert _button(kb, "kb_key_a").text() == "A"
    type_keys(qtbot, kb, "ab")  # one-shot shift: only the first is a capital
    tap(qtbot, kb, "kb_shift")
    tap(qtbot, kb, "kb_shift")  # second tap: locked
    type_keys(qtbot, kb, "cd")
    tap(qtbot, kb, "kb_shift")  # third tap: off
    type_keys(qtbot, kb, "e")
    tap(qtbot, kb, "kb_space")
    assert kb.text() == "AbCDe "
    assert kb.candidates() == []


def test_email_address(qtbot, kb: OnScreenKeyboard) -> None:
    tap(qtbot, kb, "kb_mode_en")
    type_keys(qtbot, kb, "zhang.san-")  # "." and "-" are on the letters page...
    tap(qtbot, kb, "kb_mode_sym")
    type_keys(qtbot, kb, "1_9")  # ...digits and "_" on the symbols page
    tap(qtbot, kb, "kb_key_at")
    tap(qtbot, kb, "kb_mode_en")
    type_keys(qtbot, kb, "qq.com")
    assert kb.text() == "zhang.san-1_9@qq.com"


def test_digits_mode_and_symbols_commit_a_composition(qtbot, kb: OnScreenKeyboard) -> None:
    type_keys(qtbot, kb, "beijing")
    tap(qtbot, kb, "kb_mode_sym")  # switching mode commits the best guess
    assert kb.text() == "北京"
    type_keys(qtbot, kb, "138")
    tap(qtbot, kb, "kb_backspace")  # the symbols page has its own ⌫
    assert kb.text() == "北京13"


def test_apostrophe_separates_syllables(qtbot, kb: OnScreenKeyboard) -> None:
    type_keys(qtbot, kb, "xi")
    tap(qtbot, kb, "kb_key_apostrophe_sep")
    type_keys(qtbot, kb, "an")
    assert kb.composition() == "xi'an"
    assert kb.findChild(QWidget, "kb_composition").text() == "xi'an"
    pick(qtbot, kb, "西")
    assert kb.composition() == "an"


def test_max_length_is_kept(qtbot) -> None:
    kb = _make(qtbot, max_length=3, mode="en")
    type_keys(qtbot, kb, "abcd")
    assert kb.text() == "abc"
    tap(qtbot, kb, "kb_mode_zh")
    type_keys(qtbot, kb, "zhang")  # no room: nothing composes
    assert (kb.text(), kb.composition()) == ("abc", "")
    tap(qtbot, kb, "kb_backspace")
    type_keys(qtbot, kb, "zhangsan")
    tap(qtbot, kb, "kb_space")
    assert kb.text() == "ab张"  # only what fits


def test_keys_are_touch_sized_and_named(qtbot, kb: OnScreenKeyboard) -> None:
    type_keys(qtbot, kb, "zhang")
    qtbot.waitUntil(lambda: _button(kb, "kb_key_a").width() > 0)
    buttons = [b for b in kb.findChildren(QPushButton) if b.isVisible()]
    assert len(buttons) > 40
    for button in buttons:
        assert button.objectName().startswith("kb_")
        assert button.width() >= 60 and button.height() >= 60, button.objectName()
    assert kb.width() <= 1920


def _narrow_senior(qtbot, width: int = 984) -> OnScreenKeyboard:
    """The keyboard in large text on a portrait screen's width (1080 px less the margins)."""
    host = QWidget()
    host.setStyleSheet(stylesheet(True))
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    kb = OnScreenKeyboard(max_length=40)
    kb.set_senior(True)
    layout.addWidget(kb)
    qtbot.addWidget(host)
    host.resize(width, 640)
    host.show()
    qtbot.waitExposed(host)
    kb.test_host = host
    return kb


def _problems(kb: OnScreenKeyboard, qtbot) -> list[str]:
    host = kb.test_host
    qtbot.wait(10)  # the layouts settle after the last tap, as on a screen
    return [str(v) for v in check_window(host, A11Y_SENIOR, screen=QSize(host.width(), 640))]


def test_every_page_fits_a_portrait_screen_in_large_text(qtbot) -> None:
    kb = _narrow_senior(qtbot)
    assert kb.minimumSizeHint().width() <= 984
    assert _problems(kb, qtbot) == []  # pinyin, with "Type pinyin"
    tap(qtbot, kb, "kb_mode_en")
    tap(qtbot, kb, "kb_shift")
    tap(qtbot, kb, "kb_shift")  # capitals locked: "W" and "M" are the widest letters
    assert _button(kb, "kb_key_w").text() == "W"
    assert _problems(kb, qtbot) == []
    tap(qtbot, kb, "kb_mode_sym")
    assert _problems(kb, qtbot) == []
    assert kb.width() <= 984


def test_candidates_are_paged_by_the_width_they_have(qtbot) -> None:
    kb = _narrow_senior(qtbot)
    type_keys(qtbot, kb, "shi")  # many one-character candidates
    pages, seen = 0, []
    while True:
        shown = kb.candidates()
        assert shown and _problems(kb, qtbot) == [], (shown, _problems(kb, qtbot))
        bar_right = _button(kb, "kb_cand_next").geometry().left()
        last = _button(kb, f"kb_cand_{len(shown) - 1}")
        assert last.geometry().right() < bar_right  # none pushed under the arrow
        seen += shown
        pages += 1
        if pages == 4 or not _button(kb, "kb_cand_next").isEnabled():
            break
        tap(qtbot, kb, "kb_cand_next")
    assert len(seen) == len(set(seen)) and pages == 4
    kb.clear()
    type_keys(qtbot, kb, "beijing")  # two-character words: fewer fit
    shown = kb.candidates()
    assert 2 <= len(shown) < 8 and _problems(kb, qtbot) == []
    kb.test_host.resize(1800, 640)  # wider: more on a page, from the same first candidate
    qtbot.waitUntil(lambda: len(kb.candidates()) > len(shown), timeout=2000)
    assert kb.candidates()[0] == shown[0] and _problems(kb, qtbot) == []


def test_language_change_resets_the_words(qtbot, kb: OnScreenKeyboard) -> None:
    ok = _button(kb, "kb_ok")
    ok.setText("x")
    QCoreApplication.sendEvent(kb, QEvent(QEvent.Type.LanguageChange))
    assert ok.text() == "OK"


def test_keystrokes_are_fast(qtbot, kb: OnScreenKeyboard) -> None:
    worst = 0.0
    for ch in "zhangsanmingwang":
        button = _button(kb, key_name(ch))
        start = time.perf_counter()
        button.click()
        worst = max(worst, time.perf_counter() - start)
    # the lookup itself is < 5 ms (tests/kiosk/test_pinyin_index.py); this adds Qt's redraw
    assert worst < 0.05, f"worst keystroke {worst * 1000:.1f} ms"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(taps=st.lists(st.integers(min_value=0, max_value=10_000), max_size=80))
def test_random_taps_never_crash_and_stay_bounded(qtbot, taps: list[int]) -> None:
    kb = _make(qtbot, max_length=12)
    buttons = [b for b in kb.findChildren(QPushButton) if b.objectName()]
    for choice in taps:
        usable = [b for b in buttons if b.isVisible() and b.isEnabled()]
        usable[choice % len(usable)].click()
        assert len(kb.text()) <= 12
        assert len(kb.composition()) <= MAX_INPUT
        assert len(kb.candidates()) <= 8
