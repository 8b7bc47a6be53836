"""A grid that changes its number of columns with the width it gets, so one screen fits a wide
landscape display, a square one and a portrait one without fixed minimum widths.

Each item is a row of cells (one widget, or a key and its value) laid out side by side; with
fewer columns the items wrap to more rows. The minimum width is that of the narrowest
arrangement, so the window can always shrink to the display; the arrangement is picked again
whenever the width or an item's size changes (the widest one whose items fit).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class ReflowGrid(QWidget):
    def __init__(
        self,
        columns: Sequence[int],
        *,
        spacing: int = 24,
        row_spacing: int | None = None,
        stretch: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        """`columns`: the allowed numbers of items per row (e.g. (4, 2, 1)); `stretch`: the
        stretch of each grid column, repeating (default: the last cell of each item);
        `row_spacing`: the gap between rows when it differs from `spacing`."""
        super().__init__(parent)
        self._choices = tuple(sorted(set(columns), reverse=True))
        self._stretch = tuple(stretch)
        self._items: list[tuple[QWidget, ...]] = []
        self._hints = (QSize(), QSize())
        self._columns = self._choices[0]  # the least tall: never inflates the window at start
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        if row_spacing is not None:
            self._grid.setVerticalSpacing(row_spacing)
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    @property
    def columns(self) -> int:
        return self._columns

    def add(self, *cells: QWidget) -> None:
        """One item: its cells go side by side in one row of the grid."""
        self._items.append(cells)
        self._place()

    def _cells(self) -> int:
        return max((len(item) for item in self._items), default=1)

    def _needs(self) -> list[list[int]]:
        """Each item's cells' minimum widths (0 for a hidden cell): asked of Qt once per
        reflow, not once per arrangement tried."""
        return [
            [0 if cell.isHidden() else _needed(cell).width() for cell in item]
            for item in self._items
        ]

    def width_for(self, columns: int, needs: list[list[int]] | None = None) -> int:
        """The width `columns` items per row need at their minimum widths."""
        cells = self._cells()
        widths = [0] * (columns * cells)
        for index, item in enumerate(self._needs() if needs is None else needs):
            for offset, need in enumerate(item):
                slot = (index % columns) * cells + offset
                widths[slot] = max(widths[slot], need)
        used = [w for w in widths if w > 0]
        return sum(used) + self._grid.horizontalSpacing() * max(0, len(used) - 1)

    def _fitting(self, width: int, needs: list[list[int]]) -> int:
        for choice in self._choices:
            if self.width_for(choice, needs) <= width:
                return choice
        return self._choices[-1]

    def _place(self) -> None:
        for item in self._items:
            for cell in item:
                self._grid.removeWidget(cell)
        cells = self._cells()
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        for index, item in enumerate(self._items):
            row, col = divmod(index, self._columns)
            for offset, cell in enumerate(item):
                self._grid.addWidget(cell, row, col * cells + offset)
        for col in range(self._columns):
            for offset in range(cells):
                if self._stretch:
                    factor = self._stretch[(col * cells + offset) % len(self._stretch)]
                else:
                    factor = 1 if offset == cells - 1 else 0
                self._grid.setColumnStretch(col * cells + offset, factor)
        self._grid.invalidate()
        # The height changed: every enclosing layout must hear of it, up to the window.
        widget: QWidget | None = self
        while widget is not None and not widget.isWindow():
            widget.updateGeometry()
            widget = widget.parentWidget()

    def minimumSizeHint(self) -> QSize:
        return self._least(self._needs())

    def sizeHint(self) -> QSize:
        return self._preferred(self._needs())

    def _least(self, needs: list[list[int]]) -> QSize:
        return QSize(self.width_for(self._choices[-1], needs), self._grid.minimumSize().height())

    def _preferred(self, needs: list[list[int]]) -> QSize:
        return QSize(self.width_for(self._choices[0], needs), self._grid.sizeHint().height())

    def event(self, event: QEvent) -> bool:
        # Texts changed, here or inside an item (a row of buttons: its layout, once activated,
        # updates its geometry, and the grid's layout asks for a LayoutRequest here): the items
        # may no longer fit side by side. No event filter on each item: it called into Python
        # for every event of every item (paints too).
        if event.type() == QEvent.Type.LayoutRequest:
            self._reflow_now()
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow_now()

    def showEvent(self, event: QShowEvent) -> None:
        # A hidden grid gets its pending resize before it counts as visible (reflow skips it
        # then): pick the arrangement now, or a grid shown at an unchanged width keeps a stale one.
        super().showEvent(event)
        self._reflow_now()

    def _reflow_now(self) -> None:
        """Reflow, and when that or an item's size changed the grid's needs, lay the window out
        at once (nested layouts would otherwise take one event-loop turn per level)."""
        needs = self._needs()
        changed = self.reflow(needs)
        hints = (self._least(needs), self._preferred(needs))
        if changed or hints != self._hints:
            self._hints = hints
            self._settle()

    def reflow(self, needs: list[list[int]] | None = None) -> bool:
        """Pick the arrangement for the current width; True when it changed."""
        if not self.isVisible():
            return False  # a page not shown has a stale width; it reflows when shown
        columns = self._fitting(self.width(), self._needs() if needs is None else needs)
        if columns == self._columns:
            return False
        self._columns = columns
        self._place()
        return True

    def _settle(self) -> None:
        """Lay the window out now, from the top down to this grid, in one go (not one nesting
        level per event-loop turn)."""
        for item in self._items:
            for cell in item:
                cell.updateGeometry()  # the grid's cached item sizes may predate a change
        chain: list[QWidget] = []
        widget: QWidget | None = self
        while widget is not None:
            chain.append(widget)
            widget = None if widget.isWindow() else widget.parentWidget()
        for outer in reversed(chain):
            layout = outer.layout()
            if layout is not None:
                layout.invalidate()  # also re-derives the window's minimum size
                layout.activate()


class Box(QWidget):
    """A plain container that paints nothing itself (the stylesheet's QWidget background is
    only painted for exact QWidget instances), so it sits invisibly on cards and headers."""


def tile_with_hint(tile: QWidget, hint: QWidget) -> Box:
    """A tile with its explanation under it, as one item of a ReflowGrid."""
    unit = Box()
    column = QVBoxLayout(unit)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(8)
    column.addWidget(tile)
    column.addWidget(hint)
    column.addStretch(1)
    return unit


class PageStack(QWidget):
    """A stack of screens that asks only for the room of the screen shown now: a screen that is
    not shown (the invoice keyboard, say) neither makes the window wider than the display nor is
    measured again whenever the window is laid out.

    Qt's QStackedLayout measures every page for its size hints and height-for-width, uncached,
    several times per layout pass (the wrapped texts of all the screens: 15-35 ms of a screen
    change). Here the layout holds the shown page alone, and the others are hidden children.
    The layout is Qt's own box layout, which caches its answers: a stack whose layout answered
    in Python called into Python (and waited for the GIL, with workers busy) a few hundred times
    per screen change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: list[QWidget] = []
        self._current: QWidget | None = None
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, page: QWidget) -> int:
        if page in self._pages:
            return self._pages.index(page)
        self._pages.append(page)
        page.setParent(self)
        if self._current is None:
            self._show(page)
        else:
            page.hide()
        return len(self._pages) - 1

    def indexOf(self, page: QWidget) -> int:
        return self._pages.index(page) if page in self._pages else -1

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget | None:
        return self._pages[index] if 0 <= index < len(self._pages) else None

    def currentWidget(self) -> QWidget | None:
        return self._current

    def currentIndex(self) -> int:
        return -1 if self._current is None else self._pages.index(self._current)

    def setCurrentIndex(self, index: int) -> None:
        page = self.widget(index)
        if page is not None:
            self.setCurrentWidget(page)

    def setCurrentWidget(self, page: QWidget) -> None:
        if page is self._current or page not in self._pages:
            return
        old, self._current = self._current, None
        if old is not None:
            self._column.removeWidget(old)
        self._show(page)
        if old is not None:
            old.hide()

    def _show(self, page: QWidget) -> None:
        self._current = page
        self._column.addWidget(page)
        # A page kept the size it had when last shown (or Qt's 640x480 if never); give it the
        # stack's size at once so it does not reflow for a width it will never have.
        page.setGeometry(self.contentsRect())
        page.show()
        self.updateGeometry()


def _needed(widget: QWidget) -> QSize:
    """The smallest size a layout gives `widget` (Qt's rule: a widget that may not shrink
    gets its size hint; an explicit minimum size wins)."""
    need = widget.minimumSizeHint()
    shrink = QSizePolicy.PolicyFlag.ShrinkFlag.value
    if not widget.sizePolicy().horizontalPolicy().value & shrink:
        need = need.expandedTo(widget.sizeHint())
    minimum = widget.minimumSize()
    if minimum.width() > 0:
        need.setWidth(minimum.width())
    return need
