"""stancediff: record who stands where on a contested issue, with quotes, and compare."""

__version__ = "0.1.0"
