"""The pinyin reverse index: tables on the real pypinyin data, a tiny hand-made index, timing."""

from __future__ import annotations

import pytest

from kiosk.pinyin_index import PinyinIndex, default_index, toneless


@pytest.fixture(scope="module")
def index() -> PinyinIndex:
    return default_index()


@pytest.mark.parametrize(
    ("reading", "bare"),
    [("zhāng", "zhang"), ("lǜ", "lv"), ("nǚ", "nv"), ("lüè", "lve"), ("ér", "er"), ("a", "a")],
)
def test_toneless(reading: str, bare: str) -> None:
    assert toneless(reading) == bare


@pytest.mark.parametrize(
    ("syllable", "expected", "within"),
    [
        ("zhang", "张", 1),
        ("wang", "王", 1),
        ("li", "李", 5),
        ("liu", "刘", 1),
        ("chen", "陈", 1),
        ("san", "三", 1),
        ("ming", "明", 3),
        ("xiao", "小", 1),
        ("ni", "你", 1),
        ("lv", "绿", 3),
        ("nv", "女", 1),
        ("dian", "电", 1),
    ],
)
def test_common_characters_come_first(
    index: PinyinIndex, syllable: str, expected: str, within: int
) -> None:
    assert expected in index.chars(syllable)[:within]


@pytest.mark.parametrize(
    ("typed", "syllables"),
    [
        ("zhang", ["zhang"]),
        ("zhangsanming", ["zhang", "san", "ming"]),
        ("xian", ["xian"]),  # fewest syllables wins
        ("xi'an", ["xi", "an"]),
        ("zhangs", ["zhang", "s"]),  # the last one may be incomplete
        ("dianfei", ["dian", "fei"]),
        ("", []),
    ],
)
def test_segment(index: PinyinIndex, typed: str, syllables: list[str]) -> None:
    assert [s for s, _ in index.segment(typed)] == syllables


@pytest.mark.parametrize(
    ("typed", "word"),
    [
        ("zhongguo", "中国"),
        ("beijing", "北京"),
        ("dianfei", "电费"),
        ("fapiao", "发票"),
        ("shanghai", "上海"),
        ("nihao", "你好"),
        ("beij", "北京"),  # incomplete last syllable
    ],
)
def test_words_match_all_syllables_first(index: PinyinIndex, typed: str, word: str) -> None:
    first = [c.text for c in index.candidates(typed)[:3]]
    assert word in first
    hit = next(c for c in index.candidates(typed) if c.text == word)
    assert hit.syllables == 2
    assert hit.consumed == len(typed)


def test_names_can_be_built_syllable_by_syllable(index: PinyinIndex) -> None:
    typed = "zhangsanming"
    built = ""
    for want in "张三明":
        candidates = index.candidates(typed)
        pick = next(c for c in candidates if c.text == want)
        assert candidates.index(pick) < 10
        built += pick.text
        typed = typed[pick.consumed :]
    assert (built, typed) == ("张三明", "")


def test_whole_name_guess_is_offered(index: PinyinIndex) -> None:
    first = index.candidates("zhangsan")[0]
    assert (first.text, first.syllables, first.consumed) == ("张三", 2, 8)


def test_letters_that_start_no_syllable(index: PinyinIndex) -> None:
    assert index.candidates("i") == []
    assert index.segment("i") == [("i", 1)]
    # a stray letter stands as it is and the rest still segments
    assert [s for s, _ in index.segment("izhang")] == ["i", "zhang"]


def test_tiny_hand_made_index() -> None:
    ix = PinyinIndex(
        {"中": ["zhong"], "重": ["zhong", "chong"], "钟": ["zhong"], "国": ["guo"]},
        {"中国": ["zhong", "guo"], "重重": ["chong", "chong"], "钟国": ["zhong", "guo"]},
    )
    assert ix.chars("chong") == ("重",)
    assert ix.words(("zhong", "guo")) == ("中国", "钟国")
    assert [c.text for c in ix.candidates("zhongguo")][:2] == ["中国", "钟国"]
    assert ix.completions("zh") == ("zhong",)
    assert ix.prefix_chars("ch") == ("重",)


def test_company_name_guess_uses_known_words(index: PinyinIndex) -> None:
    first = index.candidates("hangzhoukejiyouxiangongsi")[0]
    assert first.text == "杭州科技有限公司"
