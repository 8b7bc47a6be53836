"""Checks a shown window the way an auditor with a ruler would: touch targets, text sizes, contrast,
and main actions that must be on screen without scrolling.

Contrast is measured on the rendered window, not guessed from style rules: the window is grabbed
once, and for each text widget its visible rectangle is cut out. The text colour is the one Qt
paints with (the widget's palette after the stylesheet is applied), confirmed by finding it in the
pixels; the background is the most common colour of the remaining pixels, which covers
transparent labels on cards, gradients of a parent, and borders. Where the palette colour is not
in the picture (header sections styled by sub-controls), the text colour is taken from the
picture: the most contrasting colour that covers a real number of pixels, so antialiasing fringes
do not count. Charts paint their own texts, so their label and title brushes are compared with
the chart's background brush instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QTableView,
    QTableWidget,
    QWidget,
)

from ui.theme import A11yLimits

RGB = tuple[int, int, int]

# The actions a resident must be able to see and reach on a screen without scrolling; their text
# must meet the "main function" size (senior mode: 30 pt).
MAIN_ACTIONS = frozenset(
    {
        "start_type",
        "start_scan",
        "start_card",
        "pay_due",
        "amount_pay_due",
        "confirm",
        "cash_done",
        "done",
        "extend",
        "speak",
    }
)
MAIN_ACTION_PREFIXES = ("method_",)
NEAR = 40  # colour distance (sum of channel differences) under which two colours count as one


def is_main_action(name: str) -> bool:
    return name in MAIN_ACTIONS or name.startswith(MAIN_ACTION_PREFIXES)


# -- WCAG 2 contrast ---------------------------------------------------------------------------
def parse_color(text: str) -> RGB:
    """'#RRGGBB' (or '#RGB') to (r, g, b); ValueError on anything else."""
    value = text.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if len(value) != 6 or any(c not in "0123456789abcdefABCDEF" for c in value):
        raise ValueError(f"not a #RRGGBB colour: {text!r}")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _channel(c: int) -> float:
    if not 0 <= c <= 255:
        raise ValueError(f"colour channel out of range: {c}")
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def relative_luminance(color: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour, 0 (black) .. 1 (white)."""
    r, g, b = (_channel(c) for c in color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 (same) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


# -- the checker -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Violation:
    kind: str  # target | font | contrast | clipped | text_clipped | window
    widget: str  # objectName or class, with the start of its text
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.widget}: {self.detail}"


def check_window(
    window: QWidget, limits: A11yLimits, *, screen: QSize | None = None
) -> list[Violation]:
    """Every violation on what `window` shows now; `screen` is the display it must fit on."""
    found: list[Violation] = []
    screen = screen or window.size()
    if window.width() > screen.width() or window.height() > screen.height():
        found.append(
            Violation(
                "window",
                _describe(window),
                f"needs {window.width()}x{window.height()}, screen is "
                f"{screen.width()}x{screen.height()}",
            )
        )
    clip = QRect(0, 0, min(window.width(), screen.width()), min(window.height(), screen.height()))
    pixels = _pixels(window.grab().toImage())
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.property("role") == "sim":
            continue
        full = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        seen = _visible_rect(widget, window).intersected(clip)
        found.extend(_check_widget(widget, limits, full, seen, pixels))
    return found


def _check_widget(
    widget: QWidget, limits: A11yLimits, full: QRect, seen: QRect, pixels: np.ndarray
) -> list[Violation]:
    found: list[Violation] = []
    name = _describe(widget)
    # Main actions are buttons; a label named like one ("method_message") is body text.
    main = isinstance(widget, QAbstractButton) and is_main_action(widget.objectName())
    if isinstance(widget, QAbstractButton):
        edge = limits.target_min_px
        if widget.width() < edge or widget.height() < edge:
            found.append(
                Violation("target", name, f"{widget.width()}x{widget.height()} < {edge}x{edge}")
            )
    if main and seen != full:
        found.append(
            Violation("clipped", name, f"shows {_rect(seen)} of {_rect(full)}: not fully visible")
        )
    fonts = _text_fonts(widget)
    if not fonts:
        return found
    least = limits.action_min_pt if main else limits.text_min_pt
    for what, font in fonts:
        size = _points(font, widget)
        if size + 0.01 < least:
            found.append(Violation("font", name, f"{what} {size:g} pt < {least:g} pt"))
    overflow = _text_overflow(widget)
    if overflow:
        found.append(Violation("text_clipped", name, overflow))
    ratio = _contrast_in(widget, seen, pixels)
    if ratio is not None and ratio + 0.005 < limits.contrast_min:
        found.append(Violation("contrast", name, f"{ratio:.2f}:1 < {limits.contrast_min:g}:1"))
    return found


def _describe(widget: QWidget) -> str:
    text = _text(widget)
    label = widget.objectName() or type(widget).__name__
    return f"{label} {text[:30]!r}" if text else label


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return "" if not widget.pixmap().isNull() else widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text()
    return ""


def _text_fonts(widget: QWidget) -> list[tuple[str, QFont]]:
    """The fonts this widget draws resident-facing text with (empty: it draws none)."""
    if isinstance(widget, (QLabel, QAbstractButton)):
        return [("text", widget.font())] if _text(widget).strip() else []
    if isinstance(widget, QTableWidget):
        return [("cells", widget.font())] if widget.rowCount() else []
    if isinstance(widget, QHeaderView):
        return [("header", widget.font())] if widget.count() else []
    if isinstance(widget, QChartView):
        chart = widget.chart()
        fonts = [("chart title", chart.titleFont())] if chart.title() else []
        fonts += [("chart axis labels", axis.labelsFont()) for axis in chart.axes()]
        return fonts
    return []


def _points(font: QFont, widget: QWidget) -> float:
    if font.pointSizeF() > 0:
        return font.pointSizeF()
    return font.pixelSize() * 72 / max(1, widget.logicalDpiY())


def _text_overflow(widget: QWidget) -> str:
    """Why the text does not fit in the widget, or "" when it does."""
    if isinstance(widget, QLabel) and widget.pixmap().isNull():
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + 1:
                return f"wrapped text needs {need} px height, has {widget.height()}"
        elif widget.minimumSizeHint().width() > widget.width() + 1:
            return f"text needs {widget.minimumSizeHint().width()} px width, has {widget.width()}"
    if isinstance(widget, QPushButton) and widget.text():
        option = QStyleOptionButton()
        widget.initStyleOption(option)
        inside = widget.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, option, widget
        )
        metrics = widget.fontMetrics()
        lines = widget.text().split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines)
        height = metrics.height() * len(lines)
        if width > inside.width() + 1 or height > inside.height() + 1:
            return f"text needs {width}x{height} px, has {inside.width()}x{inside.height()}"
    if isinstance(widget, QTableView):
        return _cells_overflow(widget)
    return ""


def _cells_overflow(table: QTableView) -> str:
    """Why some cell or header text is cut (elided, or under the edge), or "" when all fit.

    A cell's text is whole when its column is at least as wide as the widest cell needs (the
    delegate's size hint, which includes the stylesheet's padding) and its row as tall; the
    columns together must fit the table's viewport (no sideways scrolling)."""
    model = table.model()
    if model is None or model.rowCount() == 0:
        return ""
    header = table.horizontalHeader()
    problems: list[str] = []
    for col in range(model.columnCount()):
        if table.isColumnHidden(col):
            continue
        has = table.columnWidth(col)
        need = table.sizeHintForColumn(col)
        if not table.wordWrap() and need > has + 1:
            problems.append(f"column {col} needs {need} px width, has {has}")
        head = header.sectionSizeHint(col) if header.isVisible() else 0
        if head > has + 1:
            problems.append(f"header {col} needs {head} px width, has {has}")
    for row in range(model.rowCount()):
        if not table.isRowHidden(row) and table.sizeHintForRow(row) > table.rowHeight(row) + 1:
            problems.append(
                f"row {row} needs {table.sizeHintForRow(row)} px height, has {table.rowHeight(row)}"
            )
    wide = header.length()
    if wide > table.viewport().width() + 1:
        problems.append(f"columns need {wide} px width, viewport has {table.viewport().width()}")
    return "; ".join(problems)


def _visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of `widget` not cut off by any ancestor, in window coordinates."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, QPoint(0, 0)), parent.size()))
        parent = parent.parentWidget()
    return rect.intersected(window.rect())


def _rect(r: QRect) -> str:
    return f"{r.width()}x{r.height()}@{r.x()},{r.y()}"


# -- contrast in pixels ------------------------------------------------------------------------
def _pixels(image: QImage) -> np.ndarray:
    """The picture as one 0xRRGGBB integer per pixel: counting the colours of a crop is then a
    sort of integers (milliseconds), not of rows of three (seconds per screen)."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB32)  # 0xFFRRGGBB words
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    raw = np.frombuffer(rgb.constBits(), dtype=np.uint32).reshape(height, stride // 4)
    return raw[:, :width] & np.uint32(0xFFFFFF)


def _colors(crop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct colours of a crop of packed pixels as (n, 3) RGB rows, and their counts."""
    packed, counts = np.unique(crop, return_counts=True)
    rgb = np.stack([(packed >> 16) & 0xFF, (packed >> 8) & 0xFF, packed & 0xFF], axis=1)
    return rgb.astype(np.int64), counts


def _palette_text(widget: QWidget) -> RGB:
    palette = widget.palette()
    group = QPalette.ColorGroup.Active if widget.isEnabled() else QPalette.ColorGroup.Disabled
    if isinstance(widget, QAbstractButton):
        role = QPalette.ColorRole.ButtonText
    elif isinstance(widget, QTableWidget):
        role = QPalette.ColorRole.Text
    else:
        role = widget.foregroundRole()
    color: QColor = palette.color(group, role)
    return (color.red(), color.green(), color.blue())


def _contrast_in(widget: QWidget, seen: QRect, pixels: np.ndarray) -> float | None:
    """Text-to-background contrast as rendered, or None when there is nothing to measure."""
    if seen.isEmpty():
        return None
    if isinstance(widget, QChartView):
        return _chart_contrast(widget)
    crop = pixels[seen.top() : seen.bottom() + 1, seen.left() : seen.right() + 1].ravel()
    colors, counts = _colors(crop)
    text = np.array(_palette_text(widget))
    near_text = np.abs(colors - text).sum(axis=1) < NEAR
    if counts[near_text].sum() >= 3 and (~near_text).any():
        others = ~near_text
        background = colors[others][np.argmax(counts[others])]
        return contrast_ratio(_rgb(text), _rgb(background))
    # The palette colour is not what was painted: read both colours from the picture.
    background = colors[np.argmax(counts)]
    far = np.abs(colors - background).sum(axis=1) >= NEAR
    enough = counts >= max(3, int(crop.size * 0.001))
    candidates = colors[far & enough]
    if len(candidates) == 0:
        return None
    bg = _rgb(background)
    return max(contrast_ratio(_rgb(c), bg) for c in candidates)


def _chart_contrast(view: QChartView) -> float | None:
    """A chart paints its texts itself: its brushes say which colours, on which background."""
    chart = view.chart()
    brushes = [axis.labelsBrush() for axis in chart.axes()]
    if chart.title():
        brushes.append(chart.titleBrush())
    if not brushes:
        return None
    bg = _qrgb(chart.backgroundBrush().color())
    return min(contrast_ratio(_qrgb(b.color()), bg) for b in brushes)


def _qrgb(color: QColor) -> RGB:
    return (color.red(), color.green(), color.blue())


def _rgb(values: np.ndarray) -> RGB:
    return (int(values[0]), int(values[1]), int(values[2]))
