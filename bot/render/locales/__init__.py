"""User-facing text, one catalog per language; every key exists in each (tested)."""
