"""Both decoders on generated QR images under each kind of camera trouble."""

from __future__ import annotations

import sys
from collections.abc import Callable

import cv2
import numpy as np
import pytest

from drivers.scanner.decoders import (
    Decoder,
    DecoderUnavailable,
    PyzbarDecoder,
    ZxingDecoder,
    make_decoder,
    to_gray,
)
from drivers.scanner.synth import Distortion, Frame, as_u8, frame_set
from tests.drivers.scanner.helpers import blank_frame, code_frame

WECHAT = "134567890123450000"
BILL = "https://e.utility.example/bill?acct=3300000001&bill=B-3300000001-2026-10"


def _gray(frame: Frame) -> Frame:
    return to_gray(frame)


def rotate(deg: float) -> Callable[[Frame], Frame]:
    def apply(gray: Frame) -> Frame:
        h, w = gray.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
        return as_u8(cv2.warpAffine(gray, m, (w, h), borderValue=(110,)))

    return apply


def perspective(gray: Frame) -> Frame:
    h, w = gray.shape
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    dst = np.array([[40, 30], [w - 10, 0], [w - 60, h - 20], [0, h - 50]], dtype=np.float32)
    return as_u8(cv2.warpPerspective(gray, cv2.getPerspectiveTransform(src, dst), (w, h)))


def blur(gray: Frame) -> Frame:
    return as_u8(cv2.GaussianBlur(gray, (0, 0), 1.5))


def noise(gray: Frame) -> Frame:
    rng = np.random.default_rng(3)
    return as_u8(np.clip(gray + rng.normal(0, 25, gray.shape), 0, 255))


def low_contrast(gray: Frame) -> Frame:
    return as_u8(120 + (gray.astype(np.float32) - 128) * 0.2)


def small(gray: Frame) -> Frame:
    h, w = gray.shape
    tiny = cv2.resize(gray, (w // 3, h // 3), interpolation=cv2.INTER_AREA)
    out = np.full_like(gray, 110)
    out[: h // 3, : w // 3] = tiny
    return out


def glare(gray: Frame) -> Frame:
    spot = np.zeros(gray.shape, dtype=np.float32)
    h, w = gray.shape
    cv2.circle(spot, (w // 2 + 30, h // 2 + 30), 14, 1.0, -1)
    spot = np.asarray(cv2.GaussianBlur(spot, (0, 0), 6), dtype=np.float32)
    return as_u8(np.clip(gray + spot * 200, 0, 255))


DISTORTIONS: dict[str, Callable[[Frame], Frame]] = {
    "clean": lambda g: g,
    "rotate30": rotate(30),
    "rotate90": rotate(90),
    "rotate180": rotate(180),
    "perspective": perspective,
    "blur": blur,
    "noise": noise,
    "low_contrast": low_contrast,
    "small": small,
    "glare": glare,
}


@pytest.fixture(params=["zxing", "pyzbar"])
def decoder(request: pytest.FixtureRequest) -> Decoder:
    return make_decoder(request.param)


@pytest.mark.parametrize("name", sorted(DISTORTIONS))
@pytest.mark.parametrize("payload", [WECHAT, BILL])
def test_decodes_distorted_code(decoder: Decoder, name: str, payload: str) -> None:
    gray = DISTORTIONS[name](_gray(code_frame(payload, module_px=6)))
    assert decoder.decode(gray) == [payload]


def test_no_code_gives_nothing(decoder: Decoder) -> None:
    assert decoder.decode(_gray(blank_frame())) == []
    rng = np.random.default_rng(5)
    assert decoder.decode(rng.integers(0, 256, (480, 640), dtype=np.uint8)) == []


def test_two_codes_in_one_frame(decoder: Decoder) -> None:
    left = _gray(code_frame(WECHAT, module_px=4, size=(320, 480)))
    right = _gray(code_frame(BILL, module_px=4, size=(320, 480)))
    assert sorted(decoder.decode(np.hstack([left, right]))) == sorted([WECHAT, BILL])


def test_bgr_frames_are_accepted(decoder: Decoder) -> None:
    assert decoder.decode(code_frame(WECHAT)) == [WECHAT]


def test_camera_like_frames_never_wrong(decoder: Decoder) -> None:
    """On the synthetic camera set: no wrong payloads, and most codes read."""
    frames = frame_set(per_kind=4, seed=11)
    read = wrong = with_code = 0
    for item in frames:
        texts = decoder.decode(to_gray(item.frame))
        wrong += sum(1 for t in texts if t != item.payload)
        if item.payload is not None:
            with_code += 1
            read += item.payload in texts
    assert wrong == 0
    assert read >= with_code // 2, f"{decoder.name} read {read} of {with_code}"


def test_zxing_reads_inverted_codes() -> None:
    gray = 255 - _gray(code_frame(WECHAT))
    assert ZxingDecoder().decode(as_u8(gray)) == [WECHAT]


def test_pyzbar_invalid_utf8_becomes_replacement_char() -> None:
    import segno

    qr = segno.make_qr(b"\xff\xfe13", error="m")
    matrix = np.array(qr.matrix, dtype=np.uint8)
    gray = np.kron(np.pad(np.where(matrix > 0, 0, 255), 4, constant_values=255), np.ones((6, 6)))
    texts = PyzbarDecoder().decode(as_u8(gray))
    assert len(texts) == 1
    assert not texts[0].isascii()


def test_unknown_decoder_name() -> None:
    with pytest.raises(DecoderUnavailable) as info:
        make_decoder("opencv")
    assert info.value.code == "DECODER_UNAVAILABLE"


def test_distortion_enum_covers_no_code() -> None:
    frames = frame_set(per_kind=1, seed=2)
    assert {f.distortion for f in frames} == set(Distortion)
    assert all((f.payload is None) == (f.distortion is Distortion.NO_CODE) for f in frames)
    assert all(f.frame.shape == (480, 640, 3) for f in frames)


def test_pyzbar_missing_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a kiosk without libzbar0: a clear DecoderUnavailable, not an ImportError."""
    monkeypatch.setitem(sys.modules, "pyzbar.pyzbar", None)
    with pytest.raises(DecoderUnavailable) as info:
        make_decoder("pyzbar")
    assert "pyzbar unavailable" in str(info.value)
