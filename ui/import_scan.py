"""Spare every later import PySide6's source scan.

Importing PySide6.QtCore wraps `__import__`: after each import, PySide's `__feature__` support
(`shibokensupport.feature.feature_imported`) decides whether the new module "uses PySide" by
reading its whole source with `inspect.getsource`, and `linecache` then keeps every line of it
for the life of the process. The answer only matters to modules that `from __feature__ import`
(snake_case, true_property), and those record their choice themselves when they import
`__feature__`; the kiosk has none (a test checks).

For the kiosk the scan cost about 25 ms before the start screen's first frame, about 300 ms of the
core's import on its worker, and 10 MB of source text held in memory (433 files). `spare_imports`
replaces it with a look at the module's namespace: a module uses PySide if it holds something
from PySide6. Nothing is read from disk (69 modules before the first frame: about 1 ms).
"""

from __future__ import annotations

import sys
from types import ModuleType


def uses_pyside(module: ModuleType) -> bool:
    """Whether `module`'s namespace holds a PySide6 module or class (what `from PySide6...
    import` brings in). Other values are not asked for their module: that is most of the cost."""
    for value in list(vars(module).values()):
        if isinstance(value, type):
            name = value.__module__
        elif isinstance(value, ModuleType):
            name = value.__name__
        else:
            continue
        if name == "PySide6" or name.startswith("PySide6."):
            return True
    return False


def spare_imports() -> bool:
    """Replace PySide's source scan with `uses_pyside`; False (and nothing changed) if this
    PySide has no such scan."""
    import PySide6.QtCore  # noqa: F401  (installs the import hook and its feature module)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
