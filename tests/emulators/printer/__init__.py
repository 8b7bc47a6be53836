"""ESC/POS printer emulator (loopback TCP) and raster decoding for printer tests."""
