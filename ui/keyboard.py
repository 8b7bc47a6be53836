"""A touch keyboard for names, company names, tax ids and e-mail addresses.

Three modes: 拼音 (pinyin letters compose Chinese, picked from a candidate bar), ABC (QWERTY with
shift: one tap for one capital, a second tap locks, a third unlocks) and 123 (digits and the
symbols of e-mail addresses and company names). Every key is a QPushButton with an objectName
(kb_key_a, kb_key_at, kb_cand_0, kb_mode_zh, kb_backspace, kb_ok ...) so tests and the demo can
tap it (".", "-" and ⌫ sit on both pages under one name: tap the visible one), and has the
stylesheet role "key" from ui/theme.py (a `tone` property marks the active mode, the first
candidate and OK; see LOCAL_STYLE).

Pinyin: backspace first edits the composition; a candidate covering fewer syllables than typed
leaves the rest composing (张 from "zhangsan" leaves "san"); space and OK commit the first
candidate (the whole input as the best guess). Candidates come from kiosk.pinyin_index, whose
index is built once per process (2-3 s): call `warm_up()` at start-up so no resident waits for it.
A lookup takes ~0.3 ms (worst < 5 ms); a keystroke with its repaint ~6 ms. A cyclic-GC pass over
pypinyin's loaded dictionaries can add ~4 ms now and then; `gc.freeze()` after start-up avoids it.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, Qt, Signal
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
from ui.theme import COLORS

MODES = ("zh", "en", "sym")
MIN_KEY_PX = 60
CAND_SLOTS = 8
CAND_PAGE_CHARS = 14  # characters shown per candidate page (long words take more room)

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


# Added to the window's stylesheet (theme.py): the keys keep role "key" (size, font, senior
# scaling) and a `tone` marks the active mode, the first candidate and OK in theme colours.
LOCAL_STYLE = f"""
QPushButton[role="key"] {{ padding: 4px 6px; min-width: {MIN_KEY_PX}px; }}
QPushButton[role="key"][tone="active"] {{ background: {COLORS["brand"]};
    color: {COLORS["on_brand"]}; border-color: {COLORS["brand"]}; }}
QPushButton[role="key"][tone="active"]:pressed {{ background: {COLORS["brand_pressed"]}; }}
QPushButton[role="key"][tone="go"] {{ background: {COLORS["accent"]}; color: {COLORS["on_brand"]};
    border-color: {COLORS["accent"]}; }}
QPushButton[role="key"][tone="go"]:pressed {{ background: {COLORS["accent_pressed"]}; }}
QLabel#kb_composition {{ font-size: 26pt; letter-spacing: 1px; padding: 4px 12px; }}
"""


def key_name(ch: str) -> str:
    """The objectName of the key that types `ch` ('a' -> kb_key_a, '@' -> kb_key_at)."""
    return f"kb_key_{SYMBOL_NAMES.get(ch, ch.lower())}"


def warm_up() -> threading.Thread:
    """Build the pinyin index in the background (a daemon thread that ends by itself)."""
    thread = threading.Thread(target=default_index, name="pinyin-index", daemon=True)
    thread.start()
    return thread


def _key(name: str, role: str = "key", text: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setProperty("role", role)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setMinimumSize(MIN_KEY_PX, MIN_KEY_PX)
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
        self.setStyleSheet(LOCAL_STYLE)
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
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(10)
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
        bar.setSpacing(8)
        self.composition_label = QLabel()
        self.composition_label.setObjectName("kb_composition")
        self.composition_label.setProperty("role", "display")
        self.composition_label.setMinimumSize(260, MIN_KEY_PX)
        self.composition_label.setMaximumWidth(360)
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
        for widget in (self.prev_key, self.next_key, self.composition_label, *self.cand_keys):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the keys do not jump when the bar empties
            widget.setSizePolicy(policy)
        return bar

    def _typing_key(self, ch: str) -> QPushButton:
        key = _key(key_name(ch), text=ch.replace("&", "&&"))  # a lone & would be a mnemonic
        key.clicked.connect(lambda _=False, c=ch: self._type(c))
        self.keys[ch] = key
        return key

    def _build_letters(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
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
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        for row, chars in enumerate(SYMBOL_ROWS):
            for col, ch in enumerate(chars):
                if ch in self.keys:  # "-" and "." also sit on the letters page: same name
                    key = _key(key_name(ch), text=ch)
                    key.clicked.connect(lambda _=False, c=ch: self._type(c))
                else:
                    key = self._typing_key(ch)
                grid.addWidget(key, row, col)
        self.sym_backspace_key = _key("kb_backspace", text="⌫")
        self.sym_backspace_key.clicked.connect(self.backspace)
        grid.addWidget(self.sym_backspace_key, 0, 10)
        return page

    def _build_bottom_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.mode_keys: dict[str, QPushButton] = {}
        for mode in MODES:
            key = _key(f"kb_mode_{mode}")
            key.clicked.connect(lambda _=False, m=mode: self.set_mode(m))
            self.mode_keys[mode] = key
            row.addWidget(key, 2)
        self.space_key = _key("kb_space")
        self.space_key.clicked.connect(self._space)
        row.addWidget(self.space_key, 6)
        row.addWidget(self._typing_key("@"), 1)
        self.ok_key = _key("kb_ok")
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
        self._page_starts = [0]
        used = 0
        for position, cand in enumerate(self._candidates):
            start = self._page_starts[-1]
            if position > start and (
                position - start >= CAND_SLOTS or used + len(cand.text) > CAND_PAGE_CHARS
            ):
                self._page_starts.append(position)
                used = 0
            used += len(cand.text)
        self._page = 0
        self._show_composition()
        self.composition_changed.emit(comp)

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

    def _show_composition(self) -> None:
        if self._composition:
            shown = "'".join(s for s, _ in self._lookup().segment(self._composition))
            self.composition_label.setText(shown[-16:])
        elif self._mode == "zh":
            self.composition_label.setText(self.tr("Type pinyin"))
        else:
            self.composition_label.setText("")
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
