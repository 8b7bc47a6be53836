"""The kiosk's Qt front end. Importing it first stops PySide6 reading the source of every module
imported afterwards (ui.import_scan)."""

from ui.import_scan import spare_imports

spare_imports()
