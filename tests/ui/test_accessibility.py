"""Every screen a resident meets, in both languages, both text sizes and on three screen shapes,
passes the accessibility checker; and the checker itself finds what it should."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drivers.cash.fake import FakeAcceptor
from kiosk.clock import OffsetClock
from kiosk.session.state import Screen
from tests.ui.helpers import tap, type_digits, wait_screen
from ui.a11y import (
    Violation,
    _colors,
    _pixels,
    check_window,
    contrast_ratio,
    parse_color,
    relative_luminance,
)
from ui.theme import A11Y_NORMAL, A11Y_SENIOR, COLORS, a11y_limits, stylesheet

SIZES = {"landscape": QSize(1920, 1080), "square": QSize(1280, 1024), "portrait": QSize(1080, 1920)}


# -- the WCAG formula ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#777777", "#FFFFFF", 4.48),  # the classic "grey that just fails"
        ("#767676", "#FFFFFF", 4.54),  # ...and the one that just passes
        ("#FF0000", "#FFFFFF", 4.00),
        ("#0000FF", "#FFFFFF", 8.59),
        ("#00FF00", "#000000", 15.30),
        ("#595959", "#FFFFFF", 7.00),  # the AAA threshold grey
    ],
)
def test_contrast_ratio_matches_the_wcag_table(a, b, ratio):
    assert contrast_ratio(parse_color(a), parse_color(b)) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(parse_color(b), parse_color(a)) == pytest.approx(ratio, abs=0.01)


def test_relative_luminance_ends_and_middle():
    assert relative_luminance((0, 0, 0)) == 0.0
    assert relative_luminance((255, 255, 255)) == pytest.approx(1.0)
    assert relative_luminance((128, 128, 128)) == pytest.approx(0.2159, abs=1e-4)
    assert parse_color("#abc") == (0xAA, 0xBB, 0xCC)


@pytest.mark.parametrize("bad", ["", "#12345", "red", "#GG0000", "#1234567"])
def test_bad_colours_are_refused(bad):
    with pytest.raises(ValueError, match="not a #RRGGBB colour"):
        parse_color(bad)


def test_channel_out_of_range_is_refused():
    with pytest.raises(ValueError, match="out of range"):
        relative_luminance((256, 0, 0))


@pytest.mark.parametrize(
    ("fg", "bg"),
    [
        ("text", "surface"),
        ("text", "card"),
        ("muted", "surface"),
        ("muted", "card"),
        ("brand", "card"),
        ("brand", "surface"),
        ("on_brand", "brand"),
        ("on_brand", "accent"),
        ("accent", "card"),
        ("danger", "card"),
        ("danger", "surface"),
        ("warning_text", "warning_bg"),
        ("disabled_text", "disabled_bg"),
    ],
)
def test_theme_pairs_meet_the_contrast_floor(fg, bg):
    ratio = contrast_ratio(parse_color(COLORS[fg]), parse_color(COLORS[bg]))
    assert ratio >= A11Y_SENIOR.contrast_min, f"{fg} on {bg}: {ratio:.2f}"


def test_limits_follow_the_senior_rules():
    assert A11Y_SENIOR.text_min_pt >= 18 and A11Y_SENIOR.action_min_pt >= 30
    assert a11y_limits(True) is A11Y_SENIOR and a11y_limits(False) is A11Y_NORMAL
    assert min(A11Y_NORMAL.target_min_px, A11Y_SENIOR.target_min_px) >= 60


# -- the checker finds planted faults ------------------------------------------------------------
def planted(qtbot, build: Callable[[QVBoxLayout], None]) -> list[Violation]:
    root = QWidget()
    qtbot.addWidget(root)
    column = QVBoxLayout(root)
    build(column)
    root.setStyleSheet(stylesheet(False))
    root.resize(800, 600)
    root.show()
    qtbot.waitExposed(root)
    return check_window(root, A11Y_NORMAL, screen=QSize(800, 600))


def test_checker_passes_a_good_screen(qtbot):
    def build(column: QVBoxLayout) -> None:
        column.addWidget(QLabel("Readable text"))
        ok = QPushButton("Pay")
        ok.setObjectName("confirm")
        column.addWidget(ok)

    assert planted(qtbot, build) == []


def test_checker_finds_a_small_button_small_text_and_low_contrast(qtbot):
    def build(column: QVBoxLayout) -> None:
        tiny = QPushButton("x")
        tiny.setObjectName("tiny")
        tiny.setStyleSheet("min-height: 20px; min-width: 20px; max-height: 20px; max-width: 20px;")
        column.addWidget(tiny)
        small = QLabel("small print")
        small.setObjectName("small")
        small.setStyleSheet("font-size: 9pt;")
        column.addWidget(small)
        pale = QLabel("pale grey on white")
        pale.setObjectName("pale")
        pale.setStyleSheet("color: #AAAAAA; background: #FFFFFF;")
        column.addWidget(pale)

    found = {(v.kind, v.widget.split()[0]) for v in planted(qtbot, build)}
    assert ("target", "tiny") in found
    assert ("font", "small") in found
    assert ("contrast", "pale") in found
    assert ("contrast", "small") not in found


def test_main_action_size_is_for_buttons_not_labels_named_alike(qtbot):
    """A 20 pt "method_cash" button is too small for a main action; a 20 pt "method_message"
    label is body text, which 20 pt satisfies (normal mode: actions 22 pt, text 16 pt)."""
    assert A11Y_NORMAL.text_min_pt <= 20 < A11Y_NORMAL.action_min_pt

    def build(column: QVBoxLayout) -> None:
        for widget, name in (
            (QPushButton("Cash"), "method_cash"),
            (QLabel("Hi"), "method_message"),
        ):
            widget.setObjectName(name)
            widget.setStyleSheet("font-size: 20pt; min-height: 80px;")
            column.addWidget(widget)

    found = {(v.kind, v.widget.split()[0]) for v in planted(qtbot, build)}
    assert found == {("font", "method_cash")}


def test_checker_reads_chart_fonts_and_brushes(qtbot):
    def build(column: QVBoxLayout) -> None:
        chart = QChart()
        chart.setTitle("kWh")
        chart.setTitleBrush(QColor("#BBBBBB"))
        chart.setBackgroundBrush(QColor("#FFFFFF"))
        view = QChartView(chart)
        view.setObjectName("chart")
        column.addWidget(view)

    found = {(v.kind, v.widget) for v in planted(qtbot, build)}
    assert found == {("font", "chart"), ("contrast", "chart")}


def test_checker_finds_a_main_action_off_screen(qtbot):
    def build(column: QVBoxLayout) -> None:
        column.addSpacing(900)  # pushes the button below a 600 px high screen
        ok = QPushButton("Confirm")
        ok.setObjectName("confirm")
        column.addWidget(ok)

    found = planted(qtbot, build)
    assert any(v.kind in ("clipped", "window") for v in found), found


def table_of(name: str, rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(rows[0]))
    table.setObjectName(name)
    table.setWordWrap(False)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def test_checker_finds_an_elided_table_cell(qtbot):
    """A receipt number cut to "R-SEED-3…01-10" cannot be read back to the counter."""

    def build(column: QVBoxLayout) -> None:
        cut = table_of(
            "cut", [["15 Sep 2026", "Automatic debit (bank card)", "R-SEED-3300000001-10"]]
        )
        cut.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        cut.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        cut.setFixedWidth(420)  # room for the first two columns, not the receipt
        column.addWidget(cut)
        column.addWidget(table_of("whole", [["15 Sep 2026", "R-SEED-3300000001-10"]]))

    found = {(v.kind, v.widget.split()[0]): v.detail for v in planted(qtbot, build)}
    assert ("text_clipped", "cut") in found
    assert "column 2 needs" in found[("text_clipped", "cut")]
    assert ("text_clipped", "whole") not in found


def test_the_picture_is_read_as_the_colours_painted():
    """The checker counts colours as packed 0xRRGGBB integers: each colour comes back whole,
    with its own count, whatever the image's format (alpha is not a colour)."""
    image = QImage(10, 4, QImage.Format.Format_ARGB32)
    image.fill(QColor(1, 2, 3))
    painter = QPainter(image)
    painter.fillRect(0, 0, 3, 4, QColor(255, 128, 0))  # 12 pixels
    painter.fillRect(3, 0, 1, 1, QColor(0, 0, 254))  # 1 pixel
    painter.end()
    pixels = _pixels(image)
    assert pixels.shape == (4, 10)
    colors, counts = _colors(pixels[:, 2:5].ravel())  # the orange, the blue and the dark
    found = {tuple(int(v) for v in rgb): int(n) for rgb, n in zip(colors, counts, strict=True)}
    assert found == {(255, 128, 0): 4, (0, 0, 254): 1, (1, 2, 3): 7}


# -- every screen of the real kiosk -------------------------------------------------------------
class Audit:
    def __init__(self, qtbot, kiosk, window, size: QSize, senior: bool, language: str) -> None:
        self.qtbot, self.kiosk, self.window = qtbot, kiosk, window
        self.language = language
        self.size, self.senior = size, senior
        self.seen: dict[str, list[str]] = {}

    def check(self, name: str) -> None:
        self.window.resize(self.size)  # full screen: the window may not outgrow the display
        self.qtbot.wait(10)  # let layouts settle after the last render
        for _ in range(3):  # and whatever they posted meanwhile (a header that wraps, say)
            QApplication.sendPostedEvents()
            QApplication.processEvents()
        limits = a11y_limits(self.senior)
        assert self.kiosk.session.state.senior is self.senior
        assert self.kiosk.session.state.language == self.language
        self.seen[name] = [str(v) for v in check_window(self.window, limits, screen=self.size)]

    def violations(self) -> list[str]:
        return [f"[{screen}] {v}" for screen, found in self.seen.items() for v in found]


def prepare(qtbot, kiosk, window, language: str, senior: bool, size: QSize) -> Audit:
    window.resize(size)
    session = kiosk.session
    session.set_language(language)
    if senior:
        session.toggle_senior()
    qtbot.waitUntil(lambda: window.session.state.senior is senior, timeout=5000)
    return Audit(qtbot, kiosk, window, size, senior, language)


def to_account(qtbot, window, account: str = "3300000001") -> None:
    tap(qtbot, window, "start_type")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    type_digits(qtbot, window, "account", account)
    tap(qtbot, window, "account_key_ok")


def keep_mode(audit: Audit) -> None:
    """A finished session returns to the defaults; the resident picks language and size again."""
    if audit.kiosk.session.state.language != audit.language:
        audit.kiosk.session.set_language(audit.language)
        audit.qtbot.waitUntil(lambda: audit.kiosk.session.state.language == audit.language)
    if audit.kiosk.session.state.senior is not audit.senior:
        audit.kiosk.session.toggle_senior()
        audit.qtbot.waitUntil(lambda: audit.kiosk.session.state.senior is audit.senior)


def walk_cash_flow(audit: Audit, language: str) -> None:
    qtbot, kiosk, window = audit.qtbot, audit.kiosk, audit.window
    acceptor = kiosk.acceptor
    assert isinstance(acceptor, FakeAcceptor)
    wait_screen(qtbot, window, Screen.START)
    audit.check("start")
    tap(qtbot, window, "start_type")
    wait_screen(qtbot, window, Screen.IDENTIFY)
    type_digits(qtbot, window, "account", "3300000001")
    audit.check("identify")
    tap(qtbot, window, "account_key_ok")
    wait_screen(qtbot, window, Screen.ACCOUNT)
    audit.check("account")
    clock = kiosk.clock
    assert isinstance(clock, OffsetClock)
    settings = kiosk.settings.session
    idle = settings.senior_idle_timeout_s if audit.senior else settings.idle_timeout_s
    clock.advance(idle - settings.warning_s + 1)
    kiosk.session.tick()
    qtbot.waitUntil(lambda: window.warning.isVisible(), timeout=5000)
    audit.check("account+idle-warning")
    tap(qtbot, window, "extend")
    qtbot.waitUntil(lambda: not window.warning.isVisible(), timeout=5000)
    tap(qtbot, window, "other_amount")
    wait_screen(qtbot, window, Screen.AMOUNT)
    type_digits(qtbot, window, "amount", "99999")
    tap(qtbot, window, "amount_key_ok")  # out of range: the message shows
    qtbot.waitUntil(lambda: kiosk.session.state.message is not None, timeout=5000)
    audit.check("amount+message")
    tap(qtbot, window, "amount_pay_due")
    wait_screen(qtbot, window, Screen.METHOD)
    audit.check("method")
    tap(qtbot, window, "method_cash")
    wait_screen(qtbot, window, Screen.CONFIRM)
    audit.check("confirm")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.CASH)
    qtbot.waitUntil(lambda: acceptor.enabled, timeout=5000)
    audit.check("cash")
    acceptor.insert(2000)
    qtbot.waitUntil(lambda: window.screens[Screen.CASH].done_button.isEnabled(), timeout=5000)
    audit.check("cash+note")
    tap(qtbot, window, "cash_done")
    wait_screen(qtbot, window, Screen.RESULT, timeout=20000)
    qtbot.waitUntil(lambda: kiosk.session.state.receipt is not None, timeout=10000)
    audit.check("result")
    tap(qtbot, window, "done")
    wait_screen(qtbot, window, Screen.START)
    keep_mode(audit)
    to_account(qtbot, window, "3300009999")
    wait_screen(qtbot, window, Screen.NOTICE)
    audit.check("notice")
    tap(qtbot, window, "done")
    wait_screen(qtbot, window, Screen.START)
    keep_mode(audit)


def walk_wallet(audit: Audit) -> None:
    qtbot, kiosk, window = audit.qtbot, audit.kiosk, audit.window
    to_account(qtbot, window, "3300000002")
    wait_screen(qtbot, window, Screen.ACCOUNT)
    tap(qtbot, window, "other_amount")
    wait_screen(qtbot, window, Screen.AMOUNT)
    type_digits(qtbot, window, "amount", "50")
    tap(qtbot, window, "amount_key_ok")
    wait_screen(qtbot, window, Screen.METHOD)
    tap(qtbot, window, "method_wallet")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.WALLET_SCAN)
    audit.check("wallet_scan")
    kiosk.scanner.show("134567890123450003")  # the phone asks for the password: USERPAYING
    wait_screen(qtbot, window, Screen.WALLET_WAIT)
    qtbot.waitUntil(lambda: kiosk.session.state.wallet_phase == "userpaying", timeout=10000)
    audit.check("wallet_wait")
    tap(qtbot, window, "wallet_cancel")
    wait_screen(qtbot, window, Screen.METHOD, timeout=20000)
    tap(qtbot, window, "method_wallet_qr")
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, window, Screen.WALLET_QR)
    qtbot.waitUntil(lambda: kiosk.session.state.wallet_url is not None, timeout=10000)
    audit.check("wallet_qr")
    tap(qtbot, window, "wallet_cancel")
    wait_screen(qtbot, window, Screen.METHOD, timeout=20000)


CASES = [
    pytest.param(
        language, senior, shape, id=f"{language}-{'senior' if senior else 'normal'}-{shape}"
    )
    for language in ("zh", "en")
    for senior in (False, True)
    for shape in SIZES
    # All twelve, about 15 s each. The English narrow shapes were once left to manual runs, and
    # the identify screen overflowed 1280x1024 in large English text unseen for sessions.
]
# Faults that need the screens changed (ui/screens, main_window.py), not the theme. Each listed case
# must still show them: once the screens are fixed, the case fails until it is removed here.
# Empty since the screens reflow (ui/reflow.py) and the account details scroll under fixed actions.
KNOWN_LAYOUT: dict[str, str] = {}
HARD = ("target", "contrast", "font")  # what the theme controls: must hold everywhere, now


def is_layout(violation: str) -> bool:
    return " font: usage_chart" in violation or not any(f"] {k}:" in violation for k in HARD)


@pytest.mark.parametrize(("language", "senior", "shape"), CASES)
def test_every_screen_passes_the_checker(qtbot, kiosk, window, language, senior, shape):
    audit = prepare(qtbot, kiosk, window, language, senior, SIZES[shape])
    walk_cash_flow(audit, language)
    walk_wallet(audit)
    assert len(audit.seen) == 14
    found = audit.violations()
    hard = [v for v in found if not is_layout(v)]
    assert not hard, f"{len(hard)} violations:\n" + "\n".join(hard)
    layout = [v for v in found if is_layout(v)]
    case = f"{language}-{'senior' if senior else 'normal'}-{shape}"
    if case in KNOWN_LAYOUT:
        assert layout, f"{case} passes now: remove it from KNOWN_LAYOUT"
        pytest.xfail(f"needs screen changes: {KNOWN_LAYOUT[case]} ({len(layout)} violations)")
    assert not layout, f"{len(layout)} violations:\n" + "\n".join(layout)
