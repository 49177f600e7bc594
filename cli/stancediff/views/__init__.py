"""Each view as data: a `View` (see `view`) that every renderer can show."""
