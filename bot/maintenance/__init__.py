"""What maintainers do to the store: permissions, editing with validation, audit, undo, stats.

No `telegram` import here: handlers parse and render, these services decide and
write. Functions take the session and `now` explicitly and never commit,
except where the docstring says the commit is part of the outcome.
"""
