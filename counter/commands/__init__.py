"""Sub-commands of `main.py`, one module per group."""
