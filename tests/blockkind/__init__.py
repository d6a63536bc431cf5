"""A block kind added by an app of its own, to show that the registry is the only place a kind needs (tests only)."""
