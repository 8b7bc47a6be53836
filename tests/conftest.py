"""Suite-wide settings: Qt renders offscreen; nothing here reaches beyond loopback."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("KIOSK_SPEECH_ENGINE", "mock")  # never the real speech daemon
