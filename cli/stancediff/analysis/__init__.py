"""Analysis of a dataset's records: comparing stances (`compare`), and what
changed between two versions (`changes`). Pure functions; nothing prints."""
