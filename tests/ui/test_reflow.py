"""The reflowing grid: as many items per row as fit, a minimum width of one column, and a page
stack that asks only for the room of the page shown."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.reflow import PageStack, ReflowGrid


def fixed(width: int, height: int = 50) -> QLabel:
    item = QLabel("x")
    item.setFixedSize(width, height)
    return item


def shown_grid(qtbot, width: int) -> tuple[QWidget, ReflowGrid]:
    root = QWidget()
    qtbot.addWidget(root)
    column = QVBoxLayout(root)
    column.setContentsMargins(0, 0, 0, 0)
    grid = ReflowGrid((4, 2, 1), spacing=10)
    for _ in range(4):
        grid.add(fixed(200))
    column.addWidget(grid)
    root.resize(width, 600)
    root.show()
    qtbot.waitExposed(root)
    return root, grid


def test_as_many_columns_as_fit(qtbot):
    for width, columns in ((830, 4), (829, 2), (410, 2), (409, 1)):
        root, grid = shown_grid(qtbot, width)
        qtbot.waitUntil(lambda grid=grid, columns=columns: grid.columns == columns, timeout=2000)
        assert grid.width_for(columns) <= width
        root.close()


def test_minimum_width_is_one_column_and_height_follows_the_rows(qtbot):
    root, grid = shown_grid(qtbot, 409)
    qtbot.waitUntil(lambda: grid.columns == 1, timeout=2000)
    assert grid.minimumSizeHint().width() == 200
    assert grid.minimumSizeHint().height() == 4 * 50 + 3 * 10
    root.resize(900, 600)
    qtbot.waitUntil(lambda: grid.columns == 4, timeout=2000)
    assert grid.minimumSizeHint().width() == 200  # the window may still shrink
    assert grid.minimumSizeHint().height() == 50


def test_a_wider_item_changes_the_arrangement(qtbot):
    root, grid = shown_grid(qtbot, 830)
    qtbot.waitUntil(lambda: grid.columns == 4, timeout=2000)
    wide = grid.findChildren(QLabel)[0]
    wide.setFixedWidth(300)  # its text grew (another language, senior mode)
    qtbot.waitUntil(lambda: grid.columns == 2, timeout=2000)


def test_a_text_growing_inside_an_item_changes_the_arrangement(qtbot):
    """An item that is a row of widgets: its text grows (another language, large text) and its
    own layout, not the grid, hears of it first."""
    root = QWidget()
    qtbot.addWidget(root)
    column = QVBoxLayout(root)
    column.setContentsMargins(0, 0, 0, 0)
    grid = ReflowGrid((4, 2, 1), spacing=10)
    texts = []
    for _ in range(4):
        item = QWidget()
        row = QHBoxLayout(item)
        row.setContentsMargins(0, 0, 0, 0)
        text = QLabel("x")
        text.setMinimumWidth(150)
        row.addWidget(text)
        texts.append(text)
        grid.add(item)
    column.addWidget(grid)
    root.resize(700, 600)
    root.show()
    qtbot.waitExposed(root)
    qtbot.waitUntil(lambda: grid.columns == 4, timeout=2000)
    texts[0].setMinimumWidth(400)
    qtbot.waitUntil(lambda: grid.columns == 2, timeout=2000)
    texts[0].setMinimumWidth(150)
    qtbot.waitUntil(lambda: grid.columns == 4, timeout=2000)


def test_a_grid_shown_again_at_the_same_width_reflows(qtbot):
    root, grid = shown_grid(qtbot, 830)
    qtbot.waitUntil(lambda: grid.columns == 4, timeout=2000)
    grid.hide()  # another step of the screen is shown
    grid.findChildren(QLabel)[0].setFixedWidth(300)  # senior mode while hidden
    qtbot.wait(20)
    grid.show()
    qtbot.waitUntil(lambda: grid.columns == 2, timeout=2000)


def test_page_stack_asks_for_the_shown_page_only(qtbot):
    stack = PageStack()
    qtbot.addWidget(stack)
    small, big = fixed(100, 100), fixed(1500, 900)
    stack.addWidget(small)
    stack.addWidget(big)
    stack.setCurrentWidget(small)
    assert stack.minimumSizeHint().width() == 100
    stack.setCurrentWidget(big)
    assert stack.minimumSizeHint().width() == 1500


def test_page_stack_counts_the_shown_pages_own_limits(qtbot):
    """A chart's least height counts only while the chart shows; a table held to the height of
    its rows asks for no more, whatever its size hint says."""
    stack = PageStack()
    qtbot.addWidget(stack)
    chart, table = QLabel("chart"), QLabel("a\nb\nc\nd\ne\nf")
    chart.setMinimumHeight(280)
    table.setFixedHeight(40)
    assert table.sizeHint().height() > 40
    stack.addWidget(table)
    stack.addWidget(chart)
    stack.setCurrentWidget(table)
    assert stack.minimumSizeHint().height() == 40
    assert stack.sizeHint().height() == 40
    stack.setCurrentWidget(chart)
    assert stack.minimumSizeHint().height() == 280
    assert stack.sizeHint().height() == 280


class CountingColumn(QVBoxLayout):
    """A page's layout that counts how often Qt measures its height for a width."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.asked = 0

    def heightForWidth(self, width: int) -> int:
        self.asked += 1
        return super().heightForWidth(width)


def wrapped_page(text: str) -> tuple[QWidget, CountingColumn]:
    page = QWidget()
    column = CountingColumn(page)
    label = QLabel(text)
    label.setWordWrap(True)
    column.addWidget(label)
    return page, column


def test_page_stack_measures_only_the_shown_page(qtbot):
    """Qt's own stack measures every page's wrapped text whenever the window is laid out (each
    screen change): the pages not shown must not be asked."""
    root = QWidget()
    qtbot.addWidget(root)
    outer = QVBoxLayout(root)
    stack = PageStack()
    outer.addWidget(stack)
    shown, shown_column = wrapped_page("word " * 60)
    hidden, hidden_column = wrapped_page("other " * 80)
    stack.addWidget(shown)
    stack.addWidget(hidden)
    stack.setCurrentWidget(shown)
    root.resize(800, 600)
    root.show()
    qtbot.waitExposed(root)
    assert stack.hasHeightForWidth()
    narrow, wide = stack.heightForWidth(200), stack.heightForWidth(790)
    assert narrow > wide > 0  # the shown page's wrapped text, taller when narrower
    hidden_column.asked = shown_column.asked = 0
    for width in (500, 700, 800):
        root.resize(width, 600)
        outer.activate()
    assert shown_column.asked > 0
    assert hidden_column.asked == 0
    stack.setCurrentWidget(hidden)
    qtbot.waitUntil(lambda: hidden.isVisible(), timeout=2000)
    assert stack.heightForWidth(200) > narrow  # now the other page's longer text counts
