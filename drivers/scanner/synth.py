"""Camera-like frames with known QR payloads, for tests, the benchmark and the demo.

No camera exists on build machines, so frames are made: a segno QR code warped onto a textured
640x480 background, then rotated, tilted, blurred, noised, washed out, shrunk or hit by glare the
way a kiosk camera sees a phone screen or a paper bill.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt
import segno

Frame = npt.NDArray[np.uint8]


class Distortion(StrEnum):
    CLEAN = "clean"
    ROTATION = "rotation"
    PERSPECTIVE = "perspective"
    BLUR = "blur"
    NOISE = "noise"
    LOW_CONTRAST = "low_contrast"
    SMALL = "small"
    GLARE = "glare"
    NO_CODE = "no_code"


@dataclass(frozen=True)
class SyntheticFrame:
    frame: Frame  # BGR, uint8
    payload: str | None  # None for frames without a code
    distortion: Distortion


def as_u8(image: Any) -> Frame:
    """OpenCV results typed as uint8 arrays (cv2 returns its loose MatLike type)."""
    return np.asarray(image, dtype=np.uint8)


def qr_image(payload: str, module_px: int = 8, border: int = 4) -> Frame:
    """A crisp gray QR code (black on white, with quiet zone), module_px pixels per module."""
    matrix = np.array(segno.make_qr(payload, error="m").matrix, dtype=np.uint8)
    gray = np.where(matrix > 0, 0, 255).astype(np.uint8)
    gray = np.pad(gray, border, constant_values=255)
    return np.kron(gray, np.ones((module_px, module_px), dtype=np.uint8)).astype(np.uint8)


def sample_payload(rng: np.random.Generator) -> str:
    """A payload of the kinds the kiosk meets: wallet codes, bill URLs, bare account numbers."""
    kind = int(rng.integers(0, 5))
    digits = "".join(str(d) for d in rng.integers(0, 10, size=24))
    if kind == 0:
        return str(int(rng.integers(10, 16))) + digits[:16]
    if kind == 1:
        return str(int(rng.integers(25, 31))) + digits[: int(rng.integers(14, 23))]
    if kind == 2:
        return "62" + digits[:17]
    acct = "33" + digits[:8]
    if kind == 3:
        return acct
    month = int(rng.integers(1, 13))
    return f"https://e.utility.example/bill?acct={acct}&bill=B-{acct}-2026-{month:02d}"


def background(rng: np.random.Generator, width: int = 640, height: int = 480) -> Frame:
    """A dim, uneven scene: gradient, soft blobs and a few hard edges (a hand, a counter)."""
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    base = float(rng.uniform(50, 150))
    img = (
        base + float(rng.uniform(-40, 40)) * xs / width + float(rng.uniform(-40, 40)) * ys / height
    )
    low = rng.normal(0, 12, size=(height // 32 + 1, width // 32 + 1)).astype(np.float32)
    img += cv2.resize(low, (width, height), interpolation=cv2.INTER_CUBIC)
    for _ in range(int(rng.integers(2, 6))):
        x0, y0 = int(rng.integers(0, width)), int(rng.integers(0, height))
        x1, y1 = x0 + int(rng.integers(20, 200)), y0 + int(rng.integers(20, 200))
        cv2.rectangle(img, (x0, y0), (x1, y1), float(rng.uniform(0, 255)), -1)
    return as_u8(np.clip(img, 0, 255))


def _place(
    canvas: Frame, code: Frame, rng: np.random.Generator, angle: float, tilt: float
) -> tuple[float, float, float]:
    """Warp `code` onto `canvas` in place (rotation `angle`, corner jitter up to `tilt`).

    Returns the code's centre and side length on the canvas.
    """
    h, w = code.shape
    ch, cw = canvas.shape
    half = max(w, h) * 0.75  # room for any rotation
    cx = float(rng.uniform(half, max(half + 1, cw - half)))
    cy = float(rng.uniform(half, max(half + 1, ch - half)))
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    centred = src - np.array([w / 2, h / 2], dtype=np.float32)
    theta = np.deg2rad(angle)
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    dst = centred @ rot.T.astype(np.float32) + np.array([cx, cy], dtype=np.float32)
    dst += rng.uniform(-tilt, tilt, size=dst.shape).astype(np.float32) * max(w, h)
    matrix = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    warped = cv2.warpPerspective(code, matrix, (cw, ch), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full_like(code, 255), matrix, (cw, ch), flags=cv2.INTER_LINEAR)
    alpha = mask.astype(np.float32) / 255.0
    canvas[:] = as_u8(canvas * (1 - alpha) + warped * alpha)
    return cx, cy, float(max(w, h))


def _glare(gray: Frame, rng: np.random.Generator, where: tuple[float, float, float]) -> Frame:
    """A bright specular patch (phone screen or glossy bill under a lamp) over part of the code."""
    h, w = gray.shape
    x, y, side = where
    cx = int(x + rng.uniform(-0.3, 0.3) * side)
    cy = int(y + rng.uniform(-0.3, 0.3) * side)
    spot = np.zeros((h, w), dtype=np.float32)
    axes = (int(rng.uniform(0.18, 0.32) * side), int(rng.uniform(0.12, 0.24) * side))
    cv2.ellipse(spot, (cx, cy), axes, float(rng.uniform(0, 180)), 0, 360, 1.0, -1)
    blurred = np.asarray(cv2.GaussianBlur(spot, (0, 0), float(rng.uniform(8, 16))), np.float32)
    strength = float(rng.uniform(220, 320))
    return as_u8(np.clip(gray.astype(np.float32) + blurred * strength, 0, 255))


def camera_frame(
    distortion: Distortion,
    rng: np.random.Generator,
    payload: str | None = None,
    size: tuple[int, int] = (640, 480),
) -> SyntheticFrame:
    """One BGR frame with `payload` (sampled when None) under `distortion`."""
    width, height = size
    canvas = background(rng, width, height)
    text: str | None = None
    where = (width / 2, height / 2, min(width, height) / 2)
    if distortion is not Distortion.NO_CODE:
        text = payload if payload is not None else sample_payload(rng)
        module_px = int(rng.integers(4, 7))
        angle = float(rng.uniform(-8, 8))
        tilt = 0.0
        if distortion is Distortion.ROTATION:
            angle = float(rng.uniform(0, 360))
        elif distortion is Distortion.PERSPECTIVE:
            tilt = float(rng.uniform(0.08, 0.16))
        code = qr_image(text, module_px=module_px)
        if distortion is Distortion.SMALL:
            target = float(rng.uniform(1.6, 2.4)) / module_px
            code = as_u8(cv2.resize(code, None, fx=target, fy=target, interpolation=cv2.INTER_AREA))
        where = _place(canvas, code, rng, angle, tilt)
    gray = canvas
    if distortion is Distortion.BLUR:
        gray = as_u8(cv2.GaussianBlur(gray, (0, 0), float(rng.uniform(1.2, 2.6))))
    elif distortion is Distortion.LOW_CONTRAST:
        factor = float(rng.uniform(0.12, 0.25))
        mid = float(rng.uniform(90, 160))
        gray = as_u8(np.clip(mid + (gray.astype(np.float32) - 128) * factor, 0, 255))
    elif distortion is Distortion.GLARE:
        gray = _glare(gray, rng, where)
    sigma = float(rng.uniform(35, 60)) if distortion is Distortion.NOISE else 2.0
    noisy = gray.astype(np.float32) + rng.normal(0, sigma, size=gray.shape).astype(np.float32)
    gray = as_u8(np.clip(noisy, 0, 255))
    gray = as_u8(cv2.GaussianBlur(gray, (0, 0), 0.6))
    tint = np.array(rng.uniform(0.9, 1.1, size=3), dtype=np.float32)
    bgr = np.clip(gray[:, :, None].astype(np.float32) * tint, 0, 255)
    return SyntheticFrame(frame=as_u8(bgr), payload=text, distortion=distortion)


def frame_set(per_kind: int, seed: int = 1) -> list[SyntheticFrame]:
    """`per_kind` frames of every distortion (NO_CODE included), reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    return [camera_frame(kind, rng) for kind in Distortion for _ in range(per_kind)]
