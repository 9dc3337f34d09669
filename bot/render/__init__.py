"""Turning service views into Telegram HTML: catalogs, formatting, splitting, keyboards, charts."""
