"""Fault injection: canned error answers and delayed answers for matching calls."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Iterable

from .errors import ApiError

DEFAULT_DESCRIPTIONS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
    401: "Unauthorized",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot "
         "instance is running",
}

NGINX_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


@dataclass(eq=False)
class Fault:
    """One injected fault.

    ``status`` set: answer with that error (after ``delay`` seconds) without
    executing the call. ``status`` None: a pure delay; with ``deliver=True``
    the call is executed at once and only its answer is held back for
    ``delay`` seconds (the message *is* sent, as when Telegram's answer is
    lost); with ``deliver=False`` nothing is executed and after ``delay``
    seconds the answer is a 502 Bad Gateway.
    """

    status: int | None = None
    description: str | None = None
    parameters: dict[str, Any] | None = None
    methods: frozenset[str] | None = None  # lower-case method names; None = any method
    chat_id: int | str | None = None  # None = any chat
    times: int | None = 1  # None = forever
    delay: float = 0.0
    deliver: bool = True
    raw_body: bytes | None = None
    hits: int = 0
    active: bool = True
    matched_calls: list[int] = field(default_factory=list)

    def matches(self, method: str, chat_id: Any) -> bool:
        if not self.active:
            return False
        if self.methods is not None and method.lower() not in self.methods:
            return False
        if self.chat_id is not None:
            if chat_id is None:
                return False
            if str(chat_id).lower() != str(self.chat_id).lower():
                return False
        return True

    def error(self) -> ApiError | None:
        if self.status is None:
            return None
        description = self.description or DEFAULT_DESCRIPTIONS.get(self.status, "Error")
        raw = self.raw_body
        if raw is None and self.status == 502 and self.description is None:
            raw = NGINX_502
        return ApiError(self.status, description, self.parameters, raw_body=raw)

    def cancel(self) -> None:
        self.active = False


def normalise_methods(method: str | Iterable[str] | None) -> frozenset[str] | None:
    if method is None:
        return None
    if isinstance(method, str):
        return frozenset({method.lower()})
    return frozenset(m.lower() for m in method)


class FaultRegistry:
    """Thread-safe list of faults; the first matching active fault wins."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, method: str, chat_id: Any, call_seq: int) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, chat_id):
                    fault.hits += 1
                    fault.matched_calls.append(call_seq)
                    if fault.times is not None and fault.hits >= fault.times:
                        fault.active = False
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            for fault in self._faults:
                fault.active = False
            self._faults.clear()

    def active(self) -> list[Fault]:
        with self._lock:
            return [f for f in self._faults if f.active]
