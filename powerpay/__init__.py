"""The `kiosk` command: the one place that ties the core, the Qt UI and the simulator together."""
