"""Gives the C heap's free memory back to the system once the outbox has drained.

A fan-out reads and frees megabytes of rows and answers (strings over 512 bytes come from malloc,
not Python's own allocator); glibc keeps what was freed, so after one digest to
100,000 chats the process stayed ~10 MB larger than it needed (bench/fanout.py: 115 MB after
phase (a), 105 MB with this). `malloc_trim` walks the heap once per drained push, never per send.
Elsewhere than glibc (musl, macOS) there is no such call and this does nothing.
"""
from __future__ import annotations

import ctypes
import functools


@functools.cache
def _malloc_trim():
    """glibc's malloc_trim, looked up at the first call (no work at import time); None elsewhere."""
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library the process already runs on
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Return the heap's free pages to the system; False where the C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
