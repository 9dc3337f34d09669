"""The delivery engine: the outbox of pushes and the one sender that delivers them (see engine.py)."""
