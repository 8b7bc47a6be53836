"""The kiosk's look as named tokens and one stylesheet built from them.

Sizes are in pixels for a 1920x1080 screen at 96 dpi; senior mode scales text and targets up.
Contrast of every text/background pair below is at least 4.5:1 (checked in tests/ui/test_accessibility.py).
"""

from __future__ import annotations

from dataclasses import dataclass

COLORS = {
    "brand": "#0B3D91",  # State-Grid-like deep blue: header, primary buttons
    "brand_pressed": "#072A66",
    "on_brand": "#FFFFFF",
    "surface": "#F4F6FA",
    "card": "#FFFFFF",
    "text": "#1A1F2B",
    "muted": "#4A5468",
    "accent": "#00704A",  # money arriving, success
    "accent_pressed": "#004D33",
    "warning_bg": "#FFF1C2",
    "warning_text": "#5C3B00",
    "danger": "#B3261E",
    "danger_pressed": "#7F1B15",
    "line": "#C9D1E0",
    "disabled_bg": "#D5DAE3",
    "disabled_text": "#3E4656",
}


@dataclass(frozen=True)
class Metrics:
    """Font sizes and touch sizes of one text size (normal or senior); the stylesheet is made
    from them, so both sizes keep the same proportions."""

    body_pt: int
    small_pt: int
    title_pt: int
    action_pt: int
    amount_pt: int
    target_px: int  # minimum touch target edge
    key_px: int  # keypad key edge
    gap_px: int
    header_target_px: int = 64  # header buttons: still above the 60 px floor, less height used


NORMAL = Metrics(
    body_pt=18,
    small_pt=16,
    title_pt=30,
    action_pt=24,
    amount_pt=44,
    target_px=72,
    key_px=96,
    gap_px=16,
)
SENIOR = Metrics(
    body_pt=24,
    small_pt=20,
    title_pt=38,
    action_pt=32,
    amount_pt=56,
    target_px=80,
    key_px=116,
    gap_px=20,
)


def metrics(senior: bool) -> Metrics:
    return SENIOR if senior else NORMAL


@dataclass(frozen=True)
class A11yLimits:
    """The floor every shown screen must meet (checked by ui/a11y.py in tests/ui)."""

    text_min_pt: float  # any text a resident reads
    action_min_pt: float  # the text of a main action (MAIN_ACTIONS in ui/a11y.py)
    target_min_px: int  # both edges of anything clickable
    contrast_min: float  # text against its background, WCAG 2 contrast ratio


# Senior mode follows the 适老化 rules (body >= 18 pt, main functions >= 30 pt, targets >= 60 px,
# contrast >= 4.5:1). Normal mode is a kiosk read at arm's length: 16 pt text, 22 pt actions.
# 4.5:1 is kept for large text too (WCAG allows 3:1 there): the kiosk stands in daylight.
A11Y_NORMAL = A11yLimits(text_min_pt=16, action_min_pt=22, target_min_px=60, contrast_min=4.5)
A11Y_SENIOR = A11yLimits(text_min_pt=18, action_min_pt=30, target_min_px=60, contrast_min=4.5)


def a11y_limits(senior: bool) -> A11yLimits:
    return A11Y_SENIOR if senior else A11Y_NORMAL


def stylesheet(senior: bool) -> str:
    m, c = metrics(senior), COLORS
    return f"""
QWidget {{ background: {c["surface"]}; color: {c["text"]}; font-size: {m.body_pt}pt; }}
QLabel {{ background: transparent; }}
PageStack {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {m.title_pt}pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {c["muted"]}; font-size: {m.small_pt}pt; }}
QLabel[role="amount"] {{ font-size: {m.amount_pt}pt; font-weight: 700; color: {c["brand"]}; }}
QLabel[role="money-in"] {{ font-size: {m.amount_pt}pt; font-weight: 700; color: {c["accent"]}; }}
QLabel[role="message"] {{ color: {c["danger"]}; font-size: {m.body_pt}pt; font-weight: 600; }}
QLabel[role="display"] {{ background: {c["card"]}; border: 2px solid {c["line"]}; border-radius: 12px;
    font-size: {m.amount_pt}pt; font-weight: 600; padding: 8px 20px; letter-spacing: 4px; }}
QFrame[role="card"] {{ background: {c["card"]}; border: 1px solid {c["line"]}; border-radius: 16px; }}
QFrame[role="card"] QLabel {{ background: {c["card"]}; }}
QFrame[role="header"] {{ background: {c["brand"]}; }}
QFrame[role="header"] QLabel {{ background: {c["brand"]}; color: {c["on_brand"]}; font-size: {m.action_pt}pt; font-weight: 600; }}
QFrame[role="warning"] {{ background: {c["warning_bg"]}; border-top: 3px solid {c["warning_text"]}; }}
QFrame[role="warning"] QLabel {{ background: {c["warning_bg"]}; color: {c["warning_text"]}; font-weight: 600; }}
QPushButton {{ min-height: {m.target_px}px; border-radius: 14px;
    font-size: {m.action_pt}pt; font-weight: 600; padding: 6px 24px;
    background: {c["card"]}; color: {c["brand"]}; border: 2px solid {c["brand"]}; }}
QPushButton:pressed {{ background: {c["line"]}; }}
QPushButton:disabled {{ background: {c["disabled_bg"]}; color: {c["disabled_text"]}; border-color: {c["disabled_bg"]}; }}
QPushButton[role="primary"] {{ background: {c["brand"]}; color: {c["on_brand"]}; border: none; }}
QPushButton[role="primary"]:pressed {{ background: {c["brand_pressed"]}; }}
QPushButton[role="go"] {{ background: {c["accent"]}; color: {c["on_brand"]}; border: none; }}
QPushButton[role="go"]:pressed {{ background: {c["accent_pressed"]}; }}
QPushButton[role="danger"] {{ background: {c["card"]}; color: {c["danger"]}; border: 2px solid {c["danger"]}; }}
QPushButton[role="key"] {{ min-height: {m.key_px}px; min-width: {m.key_px}px; font-size: {m.amount_pt - 8}pt;
    padding: 4px 8px; }}
QPushButton[role="key5"] {{ min-height: {m.key_px}px; min-width: {m.key_px}px; font-size: {m.amount_pt - 8}pt;
    border-width: 4px; padding: 4px 8px; }}
QPushButton[role="tile"] {{ min-height: {m.key_px * 2}px; font-size: {m.action_pt}pt; }}
QPushButton[role="method"] {{ min-height: {m.key_px + 24}px; font-size: {m.action_pt}pt; padding: 6px 16px; }}
QPushButton[role="header"] {{ background: {c["brand"]}; color: {c["on_brand"]}; border: 2px solid {c["on_brand"]};
    font-size: {m.small_pt + 2}pt; padding: 4px 18px; min-height: {m.header_target_px}px; }}
QPushButton[role="header"]:pressed {{ background: {c["brand_pressed"]}; }}
QPushButton[role="speak"] {{ background: {c["on_brand"]}; color: {c["brand"]}; border: none;
    font-size: {m.action_pt}pt; font-weight: 700; padding: 4px 22px; }}
QPushButton[role="speak"]:pressed {{ background: {c["line"]}; }}
QPushButton[role="speak"]:disabled {{ background: {c["brand"]}; color: {c["disabled_bg"]};
    border: 2px dashed {c["disabled_bg"]}; }}
QPushButton[role="tab"] {{ font-size: {m.body_pt}pt; padding: 4px 28px; border-radius: 12px;
    min-height: {m.header_target_px}px; }}
QPushButton[role="tab"]:checked {{ background: {c["brand"]}; color: {c["on_brand"]}; }}
QScrollBar:vertical {{ background: {c["surface"]}; width: 20px; }}
QScrollBar::handle:vertical {{ background: {c["line"]}; border-radius: 8px; min-height: 60px; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
QPushButton[role="sim"] {{ min-height: 60px; min-width: 60px; font-size: 14pt; padding: 2px 10px; }}
QTableWidget {{ background: {c["card"]}; gridline-color: {c["line"]}; font-size: {m.small_pt}pt; border: none; }}
QTableWidget::item {{ padding: 2px 10px; }}
QHeaderView::section {{ background: {c["surface"]}; color: {c["muted"]}; font-size: {m.small_pt}pt; border: none;
    padding: 6px; }}
"""
