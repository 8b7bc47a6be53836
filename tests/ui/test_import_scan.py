"""PySide6 no longer reads the source of modules imported after it (ui.import_scan)."""

from __future__ import annotations

import linecache
import re
import subprocess
import sys
from pathlib import Path

import pytest

import ui  # noqa: F401  (installs the namespace check)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def module_dir(tmp_path: Path) -> Path:
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))


def _feature_choice(name: str) -> int:
    return sys.modules["shibokensupport.feature"].pyside_feature_dict[name]


def test_a_module_without_qt_is_imported_without_reading_its_source(module_dir: Path) -> None:
    path = module_dir / "scan_plain.py"
    path.write_text("import json\nVALUE = 1\n", encoding="utf-8")
    __import__("scan_plain")  # the statement's path, which PySide wraps
    assert str(path) not in linecache.cache
    assert _feature_choice("scan_plain") == -1  # "does not use PySide", as the source scan said


def test_a_module_holding_pyside_names_counts_as_using_pyside(module_dir: Path) -> None:
    (module_dir / "scan_widget.py").write_text(
        "from PySide6.QtWidgets import QLabel\n", encoding="utf-8"
    )
    (module_dir / "scan_module.py").write_text("import PySide6.QtCore as core\n", encoding="utf-8")
    __import__("scan_widget")
    __import__("scan_module")
    assert _feature_choice("scan_widget") == 0
    assert _feature_choice("scan_module") == 0


def test_no_module_of_ours_selects_pyside_features() -> None:
    """The namespace check is only sound while nothing does `from __feature__ import ...`."""
    files = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    selects = re.compile(r"^\s*from __feature__ import", re.MULTILINE)
    users = [f for f in files if selects.search((ROOT / f).read_text(encoding="utf-8"))]
    assert users == []
