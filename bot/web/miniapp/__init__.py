"""The Mini App: the pages inside Telegram under /app, and "My pushes" (its form and API)."""
