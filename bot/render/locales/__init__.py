"""User-facing text, one catalog per language; every key exists in each (tested)."""

# Areas with a catalog module per language (<lang>_<area>.py), merged into <lang>.TEXTS in this order:
# rights and refusals, refused buttons, fetch failures, flooding, /onthisday forms, topic cards, web pages,
# the Mini App and the buttons that open it.
AREAS = ("ops", "access", "fetch", "flood", "onthisday", "dossier", "web", "miniapp")
