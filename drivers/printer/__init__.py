"""Receipt printers: ESC/POS through python-escpos, paper status, and an in-process fake."""
