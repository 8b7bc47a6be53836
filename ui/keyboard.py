"""A touch keyboard for names, company names, tax ids and e-mail addresses.

Three modes: 拼音 (pinyin letters compose Chinese, picked from a candidate bar), ABC (QWERTY with
shift: one tap for one capital, a second tap locks, a third unlocks) and 123 (digits and the
symbols of e-mail addresses and company names). Every key is a QPushButton with an objectName
(kb_key_a, kb_key_at, kb_cand_0, kb_mode_zh, kb_backspace, kb_ok ...) so tests and the demo can
tap it (".", "-" and ⌫ sit on both pages under one name: tap the visible one), and has the
stylesheet role "key" from ui/theme.py, or "kbfn" for the keys with words (a `tone` property marks
the active mode, the first candidate and OK; see STYLE). Screens with large text call
`set_senior(True)`: the keys take the widths of their larger glyphs.

Pinyin: backspace first edits the composition; a candidate covering fewer syllables than typed
leaves the rest composing (张 from "zhangsan" leaves "san"); space and OK commit the first
candidate (the whole input as the best guess). Candidates come from kiosk.pinyin_index, whose
index is built once per process (2-3 s): call `warm_up()` at start-up so no resident waits for it.
A lookup takes ~0.3 ms (worst < 5 ms); a keystroke with its repaint ~6 ms. A cyclic-GC pass over
pypinyin's loaded dictionaries can add ~4 ms now and then; `gc.freeze()` after start-up avoids it.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.pinyin_index import MAX_INPUT, Candidate, PinyinIndex, default_index
from ui.theme import COLORS, metrics

MODES = ("zh", "en", "sym")
MIN_KEY_PX = 60
GAP_PX = 6  # between keys: eleven keys and their gaps fit 984 px (portrait) in large text
ROW_GAP_PX = 4  # between rows: the keyboard and a form fit 1280x1024 in large text
CAND_SLOTS = 8  # at most; a page holds as many candidates as fit the bar's width

LETTER_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
SYMBOL_ROWS = ("1234567890", "@.-_+&()/#", ",:;'\"!?*~")
# objectName suffix of each non-alphanumeric key.
SYMBOL_NAMES = {
    "@": "at",
    ".": "dot",
    "-": "minus",
    "_": "underscore",
    "+": "plus",
    "&": "amp",
    "(": "lparen",
    ")": "rparen",
    "/": "slash",
    "#": "hash",
    ",": "comma",
    ":": "colon",
    ";": "semicolon",
    "'": "apostrophe",
    '"': "quote",
    "!": "exclam",
    "?": "question",
    "*": "star",
    "~": "tilde",
}


# Added to the window's stylesheet (theme.py). Typing keys keep role "key" (the large key font,
# scaled for senior mode); the keys with words (modes, space, OK) have role "kbfn" and the font of
# every other button, so "Pinyin" and "123 @" fit a 1080 px wide portrait screen in large text.
# Keys are as wide as the layout makes them, at least as wide as their widest letter (KEY_TEXTS;
# "W" when shifted): a little horizontal padding, the glyph centred. A `tone` marks the active
# mode, the first candidate and OK in theme colours.
STYLE = """
QPushButton[role="key"] {{ padding: 2px 2px; min-width: {letter}px; }}
QPushButton[role="kbfn"] {{ padding: 2px 8px; }}
QPushButton[role="key"][tone="active"], QPushButton[role="kbfn"][tone="active"] {{
    background: {brand}; color: {on_brand}; border-color: {brand}; }}
QPushButton[role="key"][tone="active"]:pressed, QPushButton[role="kbfn"][tone="active"]:pressed {{
    background: {brand_pressed}; }}
QPushButton[role="key"][tone="go"], QPushButton[role="kbfn"][tone="go"] {{ background: {accent};
    color: {on_brand}; border-color: {accent}; }}
QPushButton[role="key"][tone="go"]:pressed, QPushButton[role="kbfn"][tone="go"]:pressed {{
    background: {accent_pressed}; }}
QLabel#kb_composition {{ font-size: 26pt; letter-spacing: 1px; padding: 4px 12px; }}
"""
# What a key shows where that differs from what it types: a "&" in a button's text marks a
# mnemonic, and "&&" would be measured (by Qt's size hint and by ui/a11y.py) as two characters.
LABELS = {"&": "＆"}
LETTERS = "".join(LETTER_ROWS)
KEY_TEXTS = LETTERS + LETTERS.upper() + "".join(SYMBOL_ROWS).replace("&", "＆") + "⇧⇪‹›"
COMPOSITION_MAX_PX = 360
CAND_EXTRA_PX = 16  # a candidate key beyond its text: padding, border and a margin


def key_font(senior: bool) -> QFont:
    """The theme's font of QPushButton[role="key"] (ui/theme.py), for measuring."""
    font = QFont()
    font.setPointSizeF(metrics(senior).amount_pt - 8)
    font.setWeight(QFont.Weight.DemiBold)
    return font


KEY_HEIGHTS = (
    'QPushButton[role="key"] {{ min-height: {px}px; max-height: {px}px; }}'
    'QPushButton[role="kbfn"] {{ min-height: {fn}px; max-height: {fn}px; }}'
)


def local_style(senior: bool) -> str:
    """The keyboard's own rules for normal or large text: the typing keys' minimum width is that
    of the widest glyph they show in the theme's key font (measured, not guessed per font)."""
    widest = max(QFontMetrics(key_font(senior)).horizontalAdvance(ch) for ch in KEY_TEXTS)
    letter = max(MIN_KEY_PX - 8, widest + 1)  # 8: 2 px padding and 2 px border on each side
    return STYLE.format(letter=letter, **COLORS)


def key_name(ch: str) -> str:
    """The objectName of the key that types `ch` ('a' -> kb_key_a, '@' -> kb_key_at)."""
    return f"kb_key_{SYMBOL_NAMES.get(ch, ch.lower())}"


def warm_up() -> threading.Thread:
    """Build the pinyin index in the background (a daemon thread that ends by itself)."""
    thread = threading.Thread(target=default_index, name="pinyin-index", daemon=True)
    thread.start()
    return thread


class _Key(QPushButton):
    """A key no narrower or lower than the touch floor, whatever its text."""

    def minimumSizeHint(self) -> QSize:
        return super().minimumSizeHint().expandedTo(QSize(MIN_KEY_PX, MIN_KEY_PX))


def _key(name: str, role: str = "key", text: str = "") -> QPushButton:
    widget = _Key(text)
    widget.setObjectName(name)
    widget.setProperty("role", role)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # Keys with words are at least as wide as their text (their size hint, when no explicit
    # minimum width overrides it); typing keys get theirs from the stylesheet (local_style).
    widget.setMinimumSize(0 if role == "kbfn" else MIN_KEY_PX, MIN_KEY_PX)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


def _set_tone(widget: QWidget, tone: str) -> None:
    """'' (plain key), 'active' or 'go'; re-polished so the stylesheet applies at once."""
    if (widget.property("tone") or "") != tone:
        widget.setProperty("tone", tone)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class OnScreenKeyboard(QWidget):
    text_changed = Signal(str)  # the committed text (not the pinyin being composed)
    submitted = Signal(str)  # OK was tapped; carries the final text
    composition_changed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_length: int = 100,
        mode: str = "zh",
        index: PinyinIndex | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kb")
        self._senior = False
        self._heights: dict[bool, tuple[int, int]] | None = None
        self.setStyleSheet(local_style(False))
        self.max_length = max_length
        self._index = index
        self._text = ""
        self._composition = ""
        self._candidates: list[Candidate] = []
        self._page_starts: list[int] = [0]
        self._page = 0
        self._shift = 0  # 0 off, 1 next letter, 2 locked
        self._mode = "zh"
        self.keys: dict[str, QPushButton] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)  # the screen's margins are enough
        outer.setSpacing(ROW_GAP_PX)
        outer.addLayout(self._build_candidate_bar())
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_letters())
        self.pages.addWidget(self._build_symbols())
        outer.addWidget(self.pages)
        outer.addLayout(self._build_bottom_row())
        self.set_mode(mode)
        self.retranslate()

    # ------------------------------------------------------------------ building
    def _build_candidate_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(GAP_PX)
        self.composition_label = QLabel()
        self.composition_label.setObjectName("kb_composition")
        self.composition_label.setProperty("role", "display")
        self.composition_label.setMinimumHeight(MIN_KEY_PX)  # as wide as its text
        self.composition_label.setMaximumWidth(COMPOSITION_MAX_PX)
        self.composition_label.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.composition_label, 0)
        self.prev_key = _key("kb_cand_prev", text="‹")
        self.prev_key.clicked.connect(lambda: self._turn_page(-1))
        bar.addWidget(self.prev_key)
        self.cand_keys: list[QPushButton] = []
        for slot in range(CAND_SLOTS):
            key = _key(f"kb_cand_{slot}")
            key.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            key.clicked.connect(lambda _=False, s=slot: self._pick(s))
            self.cand_keys.append(key)
            bar.addWidget(key)
        bar.addStretch(1)
        self.next_key = _key("kb_cand_next", text="›")
        self.next_key.clicked.connect(lambda: self._turn_page(1))
        bar.addWidget(self.next_key)
        for key in (self.prev_key, self.next_key):
            key.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for widget in (self.prev_key, self.next_key, self.composition_label):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the arrows do not jump when the bar empties
            widget.setSizePolicy(policy)
        return bar

    def _typing_key(self, ch: str) -> QPushButton:
        key = _key(key_name(ch), text=LABELS.get(ch, ch))
        key.clicked.connect(lambda _=False, c=ch: self._type(c))
        self.keys[ch] = key
        return key

    def _build_letters(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(GAP_PX)
        grid.setVerticalSpacing(ROW_GAP_PX)
        for col, ch in enumerate(LETTER_ROWS[0]):
            grid.addWidget(self._typing_key(ch), 0, col * 2, 1, 2)
        self.backspace_key = _key("kb_backspace", text="⌫")
        self.backspace_key.clicked.connect(self.backspace)
        self.backspace_key.setAutoRepeat(True)
        self.backspace_key.setAutoRepeatDelay(600)
        grid.addWidget(self.backspace_key, 0, 20, 1, 3)
        for col, ch in enumerate(LETTER_ROWS[1]):
            grid.addWidget(self._typing_key(ch), 1, 1 + col * 2, 1, 2)
        self.separator_key = _key("kb_key_apostrophe_sep", text="'")
        self.separator_key.clicked.connect(lambda: self._type("'"))
        grid.addWidget(self.separator_key, 1, 19, 1, 2)
        self.shift_key = _key("kb_shift", text="⇧")
        self.shift_key.clicked.connect(self._tap_shift)
        grid.addWidget(self.shift_key, 2, 0, 1, 3)
        for col, ch in enumerate(LETTER_ROWS[2]):
            grid.addWidget(self._typing_key(ch), 2, 3 + col * 2, 1, 2)
        grid.addWidget(self._typing_key("-"), 2, 17, 1, 2)
        grid.addWidget(self._typing_key("."), 2, 19, 1, 2)
        return page

    def _build_symbols(self) -> QWidget:
        """Half-key columns as on the letters page: ⌫ is one and a half keys wide on both."""
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(GAP_PX)
        grid.setVerticalSpacing(ROW_GAP_PX)
        for row, chars in enumerate(SYMBOL_ROWS):
            for col, ch in enumerate(chars):
                if ch in self.keys:  # "-" and "." also sit on the letters page: same name
                    key = _key(key_name(ch), text=ch)
                    key.clicked.connect(lambda _=False, c=ch: self._type(c))
                else:
                    key = self._typing_key(ch)
                grid.addWidget(key, row, min(row, 1) + col * 2, 1, 2)
        self.sym_backspace_key = _key("kb_backspace", text="⌫")
        self.sym_backspace_key.clicked.connect(self.backspace)
        self.sym_backspace_key.setAutoRepeat(True)
        self.sym_backspace_key.setAutoRepeatDelay(600)
        grid.addWidget(self.sym_backspace_key, 0, 20, 1, 3)
        return page

    def _build_bottom_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(GAP_PX)
        self.mode_keys: dict[str, QPushButton] = {}
        for mode in MODES:
            key = _key(f"kb_mode_{mode}", "kbfn")
            key.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            self.mode_keys[mode] = key
            row.addWidget(key, 2)
        self.space_key = _key("kb_space", "kbfn")
        self.space_key.clicked.connect(self._space)
        row.addWidget(self.space_key, 6)
        at = self._typing_key("@")
        at.setProperty("role", "kbfn")  # as high as its row: the word keys' font
        at.setMinimumWidth(0)
        row.addWidget(at, 1)
        self.ok_key = _key("kb_ok", "kbfn")
        _set_tone(self.ok_key, "go")
        self.ok_key.clicked.connect(self.submit)
        row.addWidget(self.ok_key, 3)
        return row

    # ------------------------------------------------------------------ texts
    def retranslate(self) -> None:
        """Set every word on the keyboard; also runs on a language switch (LanguageChange)."""
        self.mode_keys["zh"].setText(self.tr("Pinyin"))
        self.mode_keys["en"].setText(self.tr("ABC"))
        self.mode_keys["sym"].setText(self.tr("123 @"))
        self.space_key.setText(self.tr("Space"))
        self.ok_key.setText(self.tr("OK"))
        self.backspace_key.setAccessibleName(self.tr("Delete"))
        self.sym_backspace_key.setAccessibleName(self.tr("Delete"))
        self.shift_key.setAccessibleName(self.tr("Capital letters"))
        self.prev_key.setAccessibleName(self.tr("Previous candidates"))
        self.next_key.setAccessibleName(self.tr("More candidates"))
        self._show_composition()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_senior(self, senior: bool) -> None:
        """Large text on or off: the typing keys widen to their larger glyphs, and the
        candidates are paged again for their larger font (the screen calls this on a switch)."""
        if senior != self._senior:
            self._senior = senior
            self._restyle()
            self._repaginate()

    def set_key_heights(self, heights: dict[bool, tuple[int, int]] | None) -> None:
        """Fixed key heights (typing keys, word keys) per text size, for a screen that shares
        its height with a form. Kept in the keyboard's own stylesheet: the window styles each
        screen as a whole for large text, and a screen's own sheet would replace that."""
        self._heights = heights
        self._restyle()

    def _restyle(self) -> None:
        extra = ""
        if self._heights is not None:
            key, word = self._heights[self._senior]
            extra = KEY_HEIGHTS.format(px=key, fn=word)
        self.setStyleSheet(local_style(self._senior) + extra)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._repaginate()

    # ------------------------------------------------------------------ public API
    def text(self) -> str:
        return self._text

    def composition(self) -> str:
        return self._composition

    def mode(self) -> str:
        return self._mode

    def candidates(self) -> list[str]:
        """The candidates on the current page."""
        return [c.text for c in self._page_items()]

    def set_text(self, text: str) -> None:
        self._composition = ""
        self._refresh_candidates()
        self._set(text[: self.max_length])

    def clear(self) -> None:
        self.set_text("")

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"keyboard mode is one of {MODES}")
        self._commit_composition()
        self._mode = mode
        self._shift = 0
        self.pages.setCurrentIndex(1 if mode == "sym" else 0)
        for name, key in self.mode_keys.items():
            _set_tone(key, "active" if name == mode else "")
        self.separator_key.setVisible(mode == "zh")
        self.shift_key.setEnabled(mode == "en")
        self._show_letters()
        self._show_composition()

    def backspace(self) -> None:
        if self._composition:
            self._composition = self._composition[:-1]
            self._refresh_candidates()
        elif self._text:
            self._set(self._text[:-1])

    def submit(self) -> None:
        self._commit_composition()
        self.submitted.emit(self._text)

    # ------------------------------------------------------------------ typing
    def _room(self) -> int:
        return self.max_length - len(self._text)

    def _set(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.text_changed.emit(text)

    def _insert(self, text: str) -> None:
        room = self._room()
        if room > 0 and text:
            self._set(self._text + text[:room])

    def _type(self, ch: str) -> None:
        if self._mode == "zh" and (ch.isalpha() or (ch == "'" and self._composition)):
            if self._room() <= 0 or len(self._composition) >= MAX_INPUT:
                return
            if ch == "'" and self._composition.endswith("'"):
                return
            self._composition += ch.lower()
            self._refresh_candidates()
            return
        self._commit_composition()
        if self._mode == "en" and ch.isalpha():
            ch = ch.upper() if self._shift else ch.lower()
            if self._shift == 1:
                self._shift = 0
                self._show_letters()
        self._insert(ch)

    def _space(self) -> None:
        if self._composition:
            self._pick_candidate(0)
        else:
            self._insert(" ")

    def _tap_shift(self) -> None:
        self._shift = (self._shift + 1) % 3
        self._show_letters()

    def _pick(self, slot: int) -> None:
        self._pick_candidate(self._page_starts[self._page] + slot)

    def _pick_candidate(self, position: int) -> None:
        if not 0 <= position < len(self._candidates):
            if self._composition and not self._candidates:  # nothing to pick: keep the letters
                letters, self._composition = self._composition.replace("'", ""), ""
                self._refresh_candidates()
                self._insert(letters)
            return
        chosen = self._candidates[position]
        self._composition = self._composition[chosen.consumed :].lstrip("'")
        self._refresh_candidates()
        self._insert(chosen.text)

    def _commit_composition(self) -> None:
        """Commit what is composed as the best guess (bounded: each pick consumes letters)."""
        for _ in range(MAX_INPUT + 1):
            if not self._composition:
                return
            self._pick_candidate(0)

    # ------------------------------------------------------------------ candidate bar
    def _lookup(self) -> PinyinIndex:
        if self._index is None:
            self._index = default_index()
        return self._index

    def _refresh_candidates(self) -> None:
        comp = self._composition
        self._candidates = self._lookup().candidates(comp) if comp.strip("'") else []
        self._show_label()
        self._page_starts = self._pages()
        self._page = 0
        self._show_composition()
        self.composition_changed.emit(comp)

    def _repaginate(self) -> None:
        """Page again for a new width or font, staying at the candidate shown first."""
        if not self._candidates:
            return
        first = self._page_starts[self._page]
        self._page_starts = self._pages()
        self._page = max(i for i, start in enumerate(self._page_starts) if start <= first)
        self._show_composition()

    def _pages(self) -> list[int]:
        """Where each page of candidates starts: as many as fit beside the composition and the
        arrows (at least one, at most CAND_SLOTS), so no candidate's text is ever cut."""
        metrics_ = QFontMetrics(key_font(self._senior))
        self.prev_key.ensurePolished()
        self.cand_keys[0].ensurePolished()  # its minimum width comes from the stylesheet
        least = max(MIN_KEY_PX, self.cand_keys[0].minimumWidth())
        arrow = max(self.prev_key.minimumWidth(), self.prev_key.sizeHint().width())
        label = min(COMPOSITION_MAX_PX, self.composition_label.sizeHint().width())
        room = self.contentsRect().width() - label - 2 * arrow - 2 * GAP_PX
        starts, used = [0], 0
        for position, cand in enumerate(self._candidates):
            width = max(least, metrics_.horizontalAdvance(cand.text) + CAND_EXTRA_PX) + GAP_PX
            start = starts[-1]
            if position > start and (position - start >= CAND_SLOTS or used + width > room):
                starts.append(position)
                used = 0
            used += width
        return starts

    def _page_items(self) -> list[Candidate]:
        start = self._page_starts[self._page]
        end = (
            self._page_starts[self._page + 1]
            if self._page + 1 < len(self._page_starts)
            else len(self._candidates)
        )
        return self._candidates[start:end]

    def _turn_page(self, step: int) -> None:
        self._page = max(0, min(len(self._page_starts) - 1, self._page + step))
        self._show_composition()

    def _show_label(self) -> None:
        """The pinyin typed so far (its end, when long) or what to do in pinyin mode."""
        label = self.composition_label
        if self._composition:
            shown = "'".join(s for s, _ in self._lookup().segment(self._composition))
            label.ensurePolished()
            room = COMPOSITION_MAX_PX - 40  # padding 12 and border 2 each side, letter spacing
            label.setText(label.fontMetrics().elidedText(shown, Qt.TextElideMode.ElideLeft, room))
        elif self._mode == "zh":
            label.setText(self.tr("Type pinyin"))
        else:
            label.setText("")

    def _show_composition(self) -> None:
        self._show_label()
        pinyin = self._mode == "zh"
        self.composition_label.setVisible(pinyin)
        self.prev_key.setVisible(pinyin)
        self.next_key.setVisible(pinyin)
        items = self._page_items()
        for slot, key in enumerate(self.cand_keys):
            if slot < len(items):
                key.setText(items[slot].text)
                _set_tone(key, "active" if self._page == 0 and slot == 0 else "")
                key.show()
            else:
                key.hide()
        self.prev_key.setEnabled(self._page > 0)
        self.next_key.setEnabled(self._page + 1 < len(self._page_starts))

    def _show_letters(self) -> None:
        upper = self._mode == "en" and self._shift > 0
        for ch in "".join(LETTER_ROWS):
            self.keys[ch].setText(ch.upper() if upper else ch)
        _set_tone(self.shift_key, "active" if self._shift else "")
        self.shift_key.setText("⇪" if self._shift == 2 else "⇧")
