"""One in-memory test module per module that declares problem codes (see tests/checking.py)."""
