"""Gives the C heap's free memory back to the system once the outbox has drained.

A fan-out reads and frees megabytes of rows and answers, much of it in the database driver's
threads (each with its own glibc arena); glibc keeps what was freed, so after one digest to
100,000 chats the process stayed ~15 MB larger than it needed (bench/fanout.py). `malloc_trim`
returns the free pages; it costs a few milliseconds, paid once per drained push, never per send.
Elsewhere than glibc (musl, macOS) there is no such call and this does nothing.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)


def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


_TRIM = _malloc_trim()


def release_free_memory() -> bool:
    """Return the heap's free pages to the system; False where the C library cannot."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True
