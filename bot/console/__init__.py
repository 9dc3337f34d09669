"""`briefbot console`: the real handlers in a terminal, no Telegram needed (like Errbot's text backend)."""
