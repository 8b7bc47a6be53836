"""Loads the compiled Qt translations (.qm) and switches language at run time."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "assets" / "translations"
# The source strings in the code are English; Chinese comes from kiosk_zh_CN.ts.
LANGUAGE_FILES = {"zh": "kiosk_zh_CN"}


class Translations:
    def __init__(self, directory: Path = TRANSLATIONS_DIR) -> None:
        self._directory = directory
        self._translators: dict[str, QTranslator] = {}

    def _load(self, language: str) -> QTranslator | None:
        if language in self._translators:
            return self._translators[language]
        stem = LANGUAGE_FILES.get(language)
        if stem is None:
            return None
        translator = QTranslator()
        if not translator.load(stem, str(self._directory)):
            log.error(
                "translation %s not found in %s (run `make translations`)", stem, self._directory
            )
            return None
        self._translators[language] = translator
        return translator

    def available(self, language: str) -> bool:
        return language == "en" or self._load(language) is not None

    def use(self, language: str) -> None:
        """Make `language` the application's language. The installed translator is kept on the
        application object, which owns the translator list, so two windows cannot stack two."""
        app = QCoreApplication.instance()
        if app is None:
            return
        previous = getattr(app, "_kiosk_translator", None)
        if previous is not None:
            QCoreApplication.removeTranslator(previous)
            app._kiosk_translator = None  # type: ignore[attr-defined]
        translator = self._load(language)
        if translator is not None:
            QCoreApplication.installTranslator(translator)
            app._kiosk_translator = translator  # type: ignore[attr-defined]
