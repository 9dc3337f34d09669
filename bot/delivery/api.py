"""A lean Bot API client for the sender: sendMessage only, answers sorted into outcomes.

Not python-telegram-bot: measured against the fake Bot API on one machine, PTB's
Bot.send_message (over httpx) cost about 1.5 ms of CPU per message and raw httpx about
1 ms; on a slower one aiohttp's client 0.35-0.48 ms and the keep-alive pool of
bot/delivery/http_pool.py 0.14-0.22 ms. The sender must reach thousands of messages a
second. The application's own Bot (with bot/reply_limits.py) keeps serving handler replies.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot.delivery.http_pool import AnswerLost, ConnectFailed, HttpPool


@dataclass(frozen=True)
class Sent:
    message_id: int | None  # None: Telegram said ok but gave no message to read an id from


@dataclass(frozen=True)
class Flood:  # 429
    retry_after: float
    error: str


@dataclass(frozen=True)
class Migrated:  # 400 with migrate_to_chat_id: the group is a supergroup now
    new_chat_id: int
    error: str


@dataclass(frozen=True)
class Forbidden:  # 403: blocked by the user, user deactivated, bot kicked
    error: str


@dataclass(frozen=True)
class Rejected:  # other 400s (chat not found, bad HTML, no thread): retrying cannot help
    error: str


@dataclass(frozen=True)
class Transient:  # 5xx, or an answer that is not the Bot API's: Telegram did not send it; retry later
    error: str


@dataclass(frozen=True)
class Unreachable:  # connection refused, DNS, connect timeout: the request never reached Telegram
    error: str


@dataclass(frozen=True)
class InDoubt:  # sent, then no answer (timeout, connection reset): it may or may not have been delivered
    error: str


@dataclass(frozen=True)
class Unauthorized:  # 401/404: the token is wrong or revoked; nothing can be sent
    error: str


Outcome = Sent | Flood | Migrated | Forbidden | Rejected | Transient | Unreachable | InDoubt | Unauthorized
CONNECT_TIMEOUT = 5.0  # at most; shorter than the whole request's, so a slow connect is told from a lost answer
TEXTS_KEPT = 64  # distinct texts whose JSON is kept (a fan-out sends one text to every chat)
# A sent message's answer starts so (Telegram's field order, compact or not): its id is read without decoding the
# whole Message, which repeats the 2 KB text and its entities. Any other answer is decoded in full.
SENT_PREFIX = re.compile(rb'\{\s*"ok"\s*:\s*true\s*,\s*"result"\s*:\s*\{\s*"message_id"\s*:\s*(\d+)\s*[,}]')


def classify(status: int, body: Any) -> Outcome:
    """Sort one Bot API answer (HTTP status and decoded JSON, or None) into an outcome."""
    if not isinstance(body, dict):
        return Transient(f"HTTP {status} without a Bot API answer")
    if body.get("ok"):
        # Accepted: sending again would post it twice, so an answer without a readable id is still "sent".
        result = body.get("result")
        message_id = result.get("message_id") if isinstance(result, dict) else None
        return Sent(message_id if isinstance(message_id, int) else None)
    error = f"{body.get('error_code', status)}: {body.get('description', '')}".strip()
    parameters = body.get("parameters") or {}
    code = body.get("error_code", status)
    if code == 429:
        return Flood(float(parameters.get("retry_after") or 1), error)
    if parameters.get("migrate_to_chat_id"):
        return Migrated(int(parameters["migrate_to_chat_id"]), error)
    if code == 403:
        return Forbidden(error)
    if code in (401, 404):
        return Unauthorized(error)
    if code == 400:
        return Rejected(error)
    return Transient(error)


def outcome_of(status: int, raw: bytes) -> Outcome:
    """Sort one answer's HTTP status and body: a sent message by its id alone, the rest by `classify`."""
    sent = SENT_PREFIX.match(raw) if status == 200 else None
    return Sent(int(sent[1])) if sent else classify(status, _loads(raw))


class BotApi:
    """sendMessage over one pool of keep-alive connections; open with `start`, close with `close`."""

    def __init__(self, *, api_url: str, token: str, timeout: float, connections: int = 100,
                 answer_delay: float = 0.0) -> None:
        self.url = f"{api_url}{token}/sendMessage"  # api_url in PTB's base_url form ends with "/bot"
        parts = urlsplit(api_url)
        self._base = f"{parts.scheme}://{parts.netloc}"
        self._send_path = f"{parts.path}{token}/sendMessage"
        self._probe_path = f"{parts.path}{token}/getMe"
        self.timeout = timeout  # a request's, from connecting to the whole answer (not its wait for a connection)
        self.connect_timeout = min(CONNECT_TIMEOUT, timeout / 2)
        self.connections = connections
        self.answer_delay = answer_delay  # see HttpPool: answers read in rounds this long (set before `start`)
        self._pool: HttpPool | None = None
        self._texts: dict[str, bytes] = {}  # text -> its JSON string, UTF-8
        self._markups: dict[int, tuple[dict, bytes]] = {}  # id(markup) -> (markup, its JSON, UTF-8)

    async def start(self) -> None:
        if self._pool is None:
            self._pool = await HttpPool.open(self._base, size=self.connections, connect_timeout=self.connect_timeout)
        self._pool.answer_delay = self.answer_delay  # the engine's choice, also for a pool opened before

    async def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    async def send_message(self, *, chat_id: int, text: str, reply_markup: dict | None = None,
                           thread_id: int | None = None, paid_broadcast: bool = False) -> Outcome:
        assert self._pool is not None, "BotApi.start() first"
        body = b'{"chat_id":%d,"text":%s,"parse_mode":"HTML","link_preview_options":{"is_disabled":true}' % (
            chat_id, self._text_json(text))
        if reply_markup:
            body += b',"reply_markup":' + self._markup_json(reply_markup)
        if thread_id:
            body += b',"message_thread_id":%d' % thread_id
        if paid_broadcast:
            body += b',"allow_paid_broadcast":true'
        answer = await self._post(self._send_path, data=body + b"}")
        return outcome_of(*answer) if isinstance(answer, tuple) else answer

    def _text_json(self, text: str) -> bytes:
        """The text as a JSON string: encoded once per distinct text, not once per chat."""
        encoded = self._texts.get(text)
        if encoded is None:
            if len(self._texts) >= TEXTS_KEPT:
                self._texts.clear()
            encoded = self._texts[text] = _dumps(text).encode()
        return encoded

    def _markup_json(self, markup: dict) -> bytes:
        """A keyboard's JSON, encoded once per keyboard object: the sender's rows of one push share theirs
        (bot.delivery.queue.Payload). Kept with the object, so that its id is not another's meanwhile."""
        kept = self._markups.get(id(markup))
        if kept is None or kept[0] is not markup:
            if len(self._markups) >= TEXTS_KEPT:
                self._markups.clear()
            kept = self._markups[id(markup)] = (markup, _dumps(markup).encode())
        return kept[1]

    async def probe(self) -> bool:
        """Whether the Bot API answers at all (getMe): any Bot API answer but a 5xx counts."""
        assert self._pool is not None, "BotApi.start() first"
        answer = await self._post(self._probe_path, data=b"{}")
        return isinstance(answer, tuple) and isinstance(_loads(answer[1]), dict) and answer[0] < 500

    async def _post(self, path: str, *, data: bytes) -> tuple[int, bytes] | Unreachable | InDoubt:
        """(HTTP status, the answer's body), or why no answer came."""
        try:
            return await self._pool.post(path, data, timeout=self.timeout)
        except ConnectFailed as exc:
            return Unreachable(str(exc))
        except TimeoutError:  # the request was on its way (connecting times out earlier)
            return InDoubt(f"no answer within {self.timeout:g} s")
        except AnswerLost as exc:  # reset or closed after the request went out
            return InDoubt(str(exc))


def _loads(raw: bytes) -> Any:
    """Decoded JSON, or None when the answer is not JSON (a proxy's error page)."""
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
