"""Table tests for the GB 32100-2015 check character."""

from __future__ import annotations

import pytest

from kiosk.uscc import ALPHABET, UsccStatus, check_character, check_uscc

VALID = "91350100M000100Y43"


def test_weights_match_the_standard() -> None:
    from kiosk.uscc import _WEIGHTS

    assert _WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (VALID, UsccStatus.VALID),
        (" 91350100m000100y43 ", UsccStatus.VALID),  # typed lower case with spaces
        ("91350100M000100Y44", UsccStatus.BAD_CHECK),  # last character off by one
        ("91350100M000100Y4", UsccStatus.BAD_FORMAT),  # 17 characters
        ("91350100M000100Y430", UsccStatus.BAD_FORMAT),  # 19 characters
        ("", UsccStatus.BAD_FORMAT),
        ("91350100M000100I43", UsccStatus.BAD_FORMAT),  # I is not in the alphabet
        ("91350100O000100Y43", UsccStatus.BAD_FORMAT),  # O is not in the alphabet
        ("91350100M000100Y4Z", UsccStatus.BAD_FORMAT),  # Z neither, even as check character
        ("91350100M 00100Y43", UsccStatus.BAD_FORMAT),  # inner space
        ("91350100M000010Y43", UsccStatus.BAD_CHECK),  # two digits swapped
        ("92350100M000100Y43", UsccStatus.BAD_CHECK),  # first digit changed
        ("9135010０M000100Y43", UsccStatus.BAD_FORMAT),  # full-width zero
    ],
)
def test_table(code: str, status: UsccStatus) -> None:
    assert check_uscc(code).status is status


def test_bad_check_names_the_expected_character() -> None:
    result = check_uscc("91350100M000100Y44")
    assert result.expected_check == "3"
    assert not result.valid
    assert "expected '3'" in result.reason


def test_check_character_wraps_31_to_zero() -> None:
    # All zeros: the weighted sum is 0, so 31 - 0 = 31, which the standard writes as "0".
    assert check_character("0" * 17) == "0"
    assert check_uscc("0" * 18).valid
    assert check_uscc("0" * 17 + "1").status is UsccStatus.BAD_CHECK


def test_every_single_character_substitution_is_caught() -> None:
    for pos in range(17):
        for ch in ALPHABET:
            if ch == VALID[pos]:
                continue
            mutated = VALID[:pos] + ch + VALID[pos + 1 :]
            assert check_uscc(mutated).status is UsccStatus.BAD_CHECK, mutated


def test_check_character_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="17"):
        check_character("123")
    with pytest.raises(ValueError, match="alphabet"):
        check_character("I" * 17)
