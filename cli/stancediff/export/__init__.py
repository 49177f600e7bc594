"""Exports: the dataset as SQLite, CSV, a Frictionless data package or JSON (docs/exports.md)."""
