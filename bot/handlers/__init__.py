"""Telegram layer: one module per audience; thin handlers that parse, call a service, render, reply."""
