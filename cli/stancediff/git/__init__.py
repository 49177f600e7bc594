"""Reading a dataset as it stands at a git revision, straight from git."""
