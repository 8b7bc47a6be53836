"""Pinyin -> Chinese characters and words, for the on-screen keyboard's candidate bar.

pypinyin maps hanzi to pinyin; this module builds the reverse index once (about a second, on
first use, then cached in the process) and answers each keystroke from dicts (well under 5 ms).

pypinyin carries no frequency data, so "common" is estimated from what it does carry:
1. the GB 2312 level (level 1 holds the 3,755 most used characters, level 2 the next 3,008,
   anything else ranks after them), ranking surnames first because residents mostly type names;
2. how many phrases of the phrase dictionary use the character *with that reading*
   (长 counts for "chang" in 长城 and for "zhang" in 长大), the reading listed first counting extra.
Words come from the phrase dictionary (2-4 characters, all in GB 2312).

Input is toneless pinyin in lower case, `v` for ü, an apostrophe to separate syllables ("xi'an");
the last syllable may be incomplete ("zhangs" -> zhang + s…). Pure Python: no Qt.
"""

from __future__ import annotations

import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

MAX_INPUT = 32  # letters of pinyin in one composition
PREFIX_TOP = 120  # characters kept per incomplete-syllable prefix
MAX_PHRASE_CHARS = 4

# The most common Chinese surnames (roughly by population), boosted to the front of their reading.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤"
)
# Words a kiosk resident types for an invoice buyer (company names, places) that pypinyin's
# phrase list lacks: it only lists words whose reading differs from the characters' usual one.
_EXTRA = (
    "公司 有限 有限公司 股份 集团 科技 技术 信息 电子 电力 电器 网络 软件 商贸 贸易 实业 发展 "
    "建设 工程 建筑 装饰 物业 管理 服务 咨询 文化 传媒 广告 餐饮 酒店 超市 医院 学校 中心 "
    "工作室 个体 合作社 研究所 事务所 分公司 中国 浙江 杭州 西湖 滨江 余杭 萧山 上城 拱墅 "
    "北京 上海 广州 深圳 江苏 南京 电费 发票 国家 电网 供电"
)
EXTRA_WORDS = tuple(_EXTRA.split())
# About 500 of the most used characters in modern written Chinese, most used first.
COMMON = (
    "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学"
    "对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头"
    "面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向"
    "情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信"
    "北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难"
    "神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物"
    "台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指"
    "思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步"
    "完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双"
    "历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似专石若兵弟谁校读志飞观"
    "争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽讲布杀微怕母调局根曾准团段终乐切级克精哪官示"
    "冷域费缴户号码付款账余额充值票发票购税银卡扫描支微信宝退找零元角分请输入确认取消返回帮助"
)


@dataclass(frozen=True)
class Candidate:
    """A choice for the composition: `text` covers the first `syllables` syllables typed."""

    text: str
    syllables: int
    consumed: int  # letters of the raw input (apostrophes included) that `text` replaces


@lru_cache(maxsize=4096)
def toneless(reading: str) -> str:
    """'zhāng' -> 'zhang', 'lǜ' -> 'lv' (the keyboard types ü as v)."""
    bare = unicodedata.normalize("NFD", reading.lower()).replace("u\u0308", "v")
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


def _gb_level(ch: str) -> int:
    """0: GB 2312 level 1, 1: level 2, 2: anything else."""
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return 2
    return 0 if 0xB0 <= lead <= 0xD7 else 1


def _is_hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class PinyinIndex:
    """The reverse index; build with `default_index()` (shared, built once) or from dicts."""

    def __init__(
        self,
        char_readings: dict[str, list[str]],
        phrases: dict[str, list[str]],
        preferred: dict[str, list[str]] | None = None,
    ) -> None:
        """char_readings: hanzi -> toneless readings (first = main); phrases: word -> readings;
        preferred: words ranked before the others of their reading."""
        uses: dict[tuple[str, str], int] = defaultdict(int)
        # How often a word turns up inside other phrases (北京 in 北京市, 北京大学...): the only
        # popularity signal the data has for words.
        inside: dict[str, int] = defaultdict(int)
        for word in phrases:
            for n in range(2, min(len(word) - 1, MAX_PHRASE_CHARS) + 1):
                for start in range(len(word) - n + 1):
                    inside[word[start : start + n]] += 1
        words: dict[tuple[str, ...], list[tuple[tuple[int, int], str]]] = defaultdict(list)
        self._word_rank: dict[str, tuple[int, int]] = {}
        for word, readings in phrases.items():
            if len(readings) != len(word):
                continue
            for ch, syl in zip(word, readings, strict=True):
                uses[(ch, syl)] += 1
            if len(word) > MAX_PHRASE_CHARS:
                continue
            levels = [_gb_level(ch) for ch in word]
            if max(levels) < 2:
                rank = (sum(levels), -inside.get(word, 0))
                self._word_rank[word] = rank
                words[tuple(readings)].append((rank, word))
        for rank_no, (word, readings) in enumerate((preferred or {}).items()):
            if len(readings) == len(word) <= MAX_PHRASE_CHARS:
                self._word_rank[word] = (-1, rank_no)
                words[tuple(readings)].append(((-1, rank_no), word))
        surname_rank = {ch: i for i, ch in enumerate(SURNAMES)}
        common_rank = {ch: i for i, ch in enumerate(dict.fromkeys(COMMON))}
        chars: dict[str, list[tuple[tuple[int, int], str]]] = defaultdict(list)
        for ch, readings in char_readings.items():
            if not _is_hanzi(ch):
                continue
            level = _gb_level(ch)
            for position, syl in enumerate(dict.fromkeys(readings)):
                weight = uses.get((ch, syl), 0)
                if position == 0:  # bonuses count for the main reading only
                    weight += 3
                    if ch in common_rank:
                        weight += 600 - common_rank[ch]
                    if ch in surname_rank:
                        weight += 600 - 4 * surname_rank[ch]
                chars[syl].append(((level, -weight), ch))
        self._chars: dict[str, tuple[str, ...]] = {
            syl: tuple(ch for _, ch in sorted(items)) for syl, items in chars.items()
        }
        self._words: dict[tuple[str, ...], tuple[str, ...]] = {
            key: tuple(w for _, w in sorted(items)) for key, items in words.items()
        }
        self.syllables: frozenset[str] = frozenset(self._chars)
        self._max_syllable = max((len(s) for s in self.syllables), default=1)
        by_prefix: dict[str, list[str]] = defaultdict(list)
        for syl in sorted(self.syllables):
            for end in range(1, len(syl) + 1):
                by_prefix[syl[:end]].append(syl)
        self._completions: dict[str, tuple[str, ...]] = {p: tuple(s) for p, s in by_prefix.items()}
        self._prefix_chars: dict[str, tuple[str, ...]] = {}

    # ------------------------------------------------------------------ single syllables
    def chars(self, syllable: str) -> tuple[str, ...]:
        """Characters read `syllable`, most common first ('' -> none)."""
        return self._chars.get(syllable, ())

    def completions(self, prefix: str) -> tuple[str, ...]:
        """Complete syllables starting with prefix ('zh' -> 'zha', 'zhai', ...)."""
        return self._completions.get(prefix, ())

    def prefix_chars(self, prefix: str) -> tuple[str, ...]:
        """Characters for an incomplete syllable: the exact syllable first, then its longer ones."""
        cached = self._prefix_chars.get(prefix)
        if cached is not None:
            return cached
        merged: list[str] = list(self.chars(prefix))
        seen = set(merged)
        # Round robin over the longer syllables so each contributes its most common characters.
        pools = [self.chars(s) for s in self.completions(prefix) if s != prefix]
        depth = 0
        while len(merged) < PREFIX_TOP and any(depth < len(p) for p in pools):
            for pool in pools:
                if depth < len(pool) and pool[depth] not in seen:
                    merged.append(pool[depth])
                    seen.add(pool[depth])
            depth += 1
        result = tuple(merged[: max(PREFIX_TOP, len(self.chars(prefix)))])
        self._prefix_chars[prefix] = result
        return result

    def words(self, syllables: tuple[str, ...]) -> tuple[str, ...]:
        return self._words.get(syllables, ())

    # ------------------------------------------------------------------ whole compositions
    def segment(self, text: str) -> list[tuple[str, int]]:
        """Split typed letters into syllables: [(syllable, letters consumed incl. "'")].

        Fewest syllables wins (dynamic programming); the last piece may be an incomplete
        syllable. Letters that start no syllable at all ("v" alone, "i") stand as they are.
        """
        text = text.lower()[:MAX_INPUT]
        n = len(text)
        # best[i] = (pieces, segmentation) for text[:i]
        best: list[tuple[int, list[tuple[str, int]]] | None] = [None] * (n + 1)
        best[0] = (0, [])
        for i in range(n):
            here = best[i]
            if here is None:
                continue
            if text[i] == "'":
                self._offer(best, i + 1, here, None)
                continue
            for end in range(i + 1, min(n, i + self._max_syllable) + 1):
                piece = text[i:end]
                if "'" in piece:
                    break
                complete = piece in self.syllables
                partial_at_end = end == n and piece in self._completions
                if complete or partial_at_end:
                    self._offer(best, end, here, (piece, end - i))
            if best[i + 1] is None:  # nothing starts here: keep the letter as it is
                self._offer(best, i + 1, here, (text[i], 1), penalty=10)
        final = best[n]
        return final[1] if final is not None else []

    @staticmethod
    def _offer(
        best: list[tuple[int, list[tuple[str, int]]] | None],
        at: int,
        here: tuple[int, list[tuple[str, int]]],
        piece: tuple[str, int] | None,
        penalty: int = 0,
    ) -> None:
        count, pieces = here
        if piece is None:  # an apostrophe: attach it to the previous piece
            if pieces:
                last = pieces[-1]
                pieces = [*pieces[:-1], (last[0], last[1] + 1)]
            else:
                pieces = [("'", 1)]
                count += 1
        else:
            pieces = [*pieces, piece]
            count += 1 + penalty
        current = best[at]
        if current is None or count < current[0]:
            best[at] = (count, pieces)

    def _pool(self, syllable: str, last: bool) -> tuple[str, ...]:
        return self.prefix_chars(syllable) if last else self.chars(syllable)

    def candidates(self, text: str, limit: int = 60) -> list[Candidate]:
        """Candidates for the typed letters, best first.

        1. words matching all syllables (the last one may be incomplete);
        2. a guess made of the most common character of each syllable (names: 张三明);
        3. words matching the first k syllables, longest first;
        4. characters for the first syllable.
        Picking one that covers fewer syllables leaves the rest in the composition.
        """
        pieces = self.segment(text)
        if not pieces:
            return []
        syls = tuple(p for p, _ in pieces)
        used = [0]
        for _, n in pieces:
            used.append(used[-1] + n)
        out: list[Candidate] = []
        seen: set[str] = set()

        def add(word: str, k: int) -> None:
            if word not in seen and len(out) < limit:
                seen.add(word)
                out.append(Candidate(word, k, used[k]))

        total = len(syls)
        if 2 <= total <= MAX_PHRASE_CHARS:
            for word in self._words_ending_with_prefix(syls):
                add(word, total)
        if total >= 2:
            guess = self._guess(syls)
            if guess:
                add(guess, total)
        for k in range(min(total - 1, MAX_PHRASE_CHARS), 1, -1):
            for word in self.words(syls[:k])[:8]:
                add(word, k)
        for ch in self._pool(syls[0], total == 1):
            if len(out) >= limit:
                break
            add(ch, 1)
        return out

    def _guess(self, syls: tuple[str, ...]) -> str:
        """The whole input as the fewest pieces: known words where they fit, else each
        syllable's most common character (a name: 张三明; a company: 杭州某某科技有限公司)."""
        total = len(syls)
        best: list[tuple[int, str] | None] = [None] * (total + 1)
        best[0] = (0, "")
        for i in range(total):
            here = best[i]
            if here is None:
                continue
            options: list[tuple[int, str]] = []
            pool = self._pool(syls[i], i == total - 1)
            if pool:
                options.append((1, pool[0]))
            for k in range(2, min(MAX_PHRASE_CHARS, total - i) + 1):
                found = self.words(syls[i : i + k])
                if found:
                    options.append((k, found[0]))
            for k, text in options:
                current = best[i + k]
                if current is None or here[0] + 1 < current[0]:
                    best[i + k] = (here[0] + 1, here[1] + text)
        final = best[total]
        return final[1] if final is not None else ""

    def _words_ending_with_prefix(self, syls: tuple[str, ...]) -> list[str]:
        head, last = syls[:-1], syls[-1]
        found = list(self.words(syls))
        if len(found) < 8:
            longer: list[str] = []
            for full in self.completions(last):
                if full != last:
                    longer.extend(self.words((*head, full))[:8])
            longer.sort(key=lambda w: self._word_rank.get(w, (9, 0)))
            found.extend(longer[:24])
        return found


def _load_readings() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    from pypinyin import phrases_dict, pinyin_dict

    chars = {
        chr(code): [toneless(r) for r in value.split(",") if r]
        for code, value in pinyin_dict.pinyin_dict.items()
    }
    phrases: dict[str, list[str]] = {}
    for word, readings in phrases_dict.phrases_dict.items():
        if len(word) >= 2 and all(r for r in readings):
            phrases[word] = [toneless(r[0]) for r in readings]
    return chars, phrases


def _extra_words() -> dict[str, list[str]]:
    from pypinyin import Style, lazy_pinyin

    return {w: [toneless(r) for r in lazy_pinyin(w, style=Style.TONE)] for w in EXTRA_WORDS}


_lock = threading.Lock()


@lru_cache(maxsize=1)
def _build() -> PinyinIndex:
    chars, phrases = _load_readings()
    return PinyinIndex(chars, phrases, _extra_words())


def default_index() -> PinyinIndex:
    """The shared index from pypinyin's data, built on first use (thread-safe)."""
    with _lock:
        return _build()
