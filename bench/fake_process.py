"""The fake Bot API in a child process, so that it does not share the GIL with the engine measured.

The parent drives it over a pipe: set the limits, read per-chat message counts and send
times, forget what was sent, stop. Four changes, none altering what any answer says, make the
figures measure the engine rather than the fake (which shares the engine's two cores):
- the fake's HTML parser, a faithful pure-Python port of tdlib's, costs about 1 ms of CPU
  for a 2 KB digest; a fan-out sends one text to every chat, so the child parses each
  distinct text once (`memoise_formatting`);
- a sent message's answer is encoded from the stored message, not from a deep copy of it
  (`answer_without_copies`; nothing in the child edits a message after sending it): the fake's
  CPU per sendMessage went from 0.36-0.51 to 0.31-0.49 ms (from 0.49-0.69 with copy.deepcopy);
- its answers are encoded by orjson (`answers_encoded_by_orjson`);
- it runs without the cyclic garbage collector (see `_serve`).
The parent imports nothing of the fake and gets counts, not per-chat tables: its memory is
the engine's, measured by bench/fanout.py.
"""
from __future__ import annotations

import functools
import gc
import multiprocessing as mp
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.fakebot import FakeBotApi


@dataclass(frozen=True)
class FanoutStats:
    messages: int
    lost: int  # of the chats asked about, those that received nothing
    duplicated: int  # chats that received more than one message
    first: float  # wall-clock time of the first and last message the fake accepted
    last: float
    throttled: int  # 429 answers given
    busiest_second: int  # most messages accepted in any one-second window


def memoise_formatting() -> None:
    import tests.fakebot.methods_send as send

    original = send.format_text

    @functools.lru_cache(maxsize=32)
    def parsed(text: str, parse_mode: str | None, strict_html: bool):
        return original(text, parse_mode, None, strict_html=strict_html)

    def format_text(text, parse_mode, entities, *, strict_html=True, user_lookup=None, **options):
        if entities or options or "tg://user" in text:
            return original(text, parse_mode, entities, strict_html=strict_html, user_lookup=user_lookup, **options)
        plain, found = parsed(text, parse_mode, strict_html)
        return plain, [dict(entity) for entity in found]

    send.format_text = format_text


def answer_without_copies() -> None:
    from tests.fakebot.models import StoredMessage

    StoredMessage.to_dict = lambda message: message.data


def answers_encoded_by_orjson() -> None:
    """The fake's JSON answers encoded by orjson instead of the json module (the same JSON, the text as
    UTF-8 rather than \\u escapes, both of which Telegram's clients read): a digest's answer, with its
    text and fifty entities, cost the json module about 0.1 ms of the fake's CPU per sendMessage."""
    import orjson
    from aiohttp import web

    def json_response(data: Any, *, status: int = 200) -> web.Response:
        return web.Response(body=orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS), status=status,
                            content_type="application/json")

    web.json_response = json_response  # this child process's aiohttp only


def _stats(fake: FakeBotApi, expected: list[int]) -> FanoutStats:
    with fake.state.lock:
        sent = list(fake.state.sent)
        throttled = fake.state.rate.throttled
    per_chat = Counter(m.chat_id for m in sent)
    times = sorted(m.sent_at for m in sent)
    busiest, start = 0, 0
    for end, at in enumerate(times):
        while times[start] <= at - 1.0:
            start += 1
        busiest = max(busiest, end - start + 1)
    return FanoutStats(len(sent), sum(1 for chat_id in expected if chat_id not in per_chat),
                       sum(1 for count in per_chat.values() if count > 1), times[0] if times else 0.0,
                       times[-1] if times else 0.0, throttled, busiest)


def _sends(fake: FakeBotApi) -> tuple[list[tuple[int, float]], int]:
    """(chat id, wall-clock time the fake accepted it) of every message, and the calls it refused."""
    with fake.state.lock:
        sends = [(m.chat_id, m.sent_at) for m in fake.state.sent]
        refused = sum(1 for call in fake.state.calls if call.status not in (None, 200))
    return sends, refused


def _forget(fake: FakeBotApi) -> None:
    state = fake.state
    with state.lock:
        state.sent.clear()
        state.calls.clear()
        for messages in state.messages.values():
            messages.clear()
        state.rate.reset()


def _serve(conn, users: int) -> None:
    from tests.fakebot import FakeBotApi, RateLimitConfig

    memoise_formatting()
    answer_without_copies()
    answers_encoded_by_orjson()
    fake = FakeBotApi(rate_limits=False)
    fake.start()
    ids = [fake.create_user(first_name="Reader").id for _ in range(users)]
    # The fake keeps every message it accepts; Python's full collections over that growing heap
    # would stall it for tenths of a second (Telegram does not), so its cyclic GC is off.
    gc.freeze()
    gc.disable()
    conn.send((fake.api_base_url, fake.token, ids))
    while True:
        command, argument = conn.recv()
        if command == "limits":
            fake.state.rate.config = replace(RateLimitConfig(), **argument)
            _forget(fake)
            conn.send(None)
        elif command == "stats":
            conn.send(_stats(fake, ids[:argument]))
        elif command == "sends":
            conn.send(_sends(fake))
        elif command == "forget":
            _forget(fake)
            conn.send(None)
        else:
            fake.stop()
            conn.send(None)
            return


class FakeProcess:
    """`with FakeProcess(users=N) as fake:` then fake.api_url, fake.token, fake.chat_ids."""

    def __init__(self, users: int) -> None:
        context = mp.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, users), daemon=True, name="fake-bot-api")
        self.users = users

    def __enter__(self) -> "FakeProcess":
        self._process.start()
        self.api_url, self.token, self.chat_ids = self._conn.recv()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._call("stop")
        self._process.join(10)

    def _call(self, command: str, argument: Any = None) -> Any:
        self._conn.send((command, argument))
        return self._conn.recv()

    def set_limits(self, **config: Any) -> None:
        """RateLimitConfig fields, e.g. enabled=False; also forgets what was sent."""
        self._call("limits", config)

    def stats(self, chats: int) -> FanoutStats:
        """What the fake received; `lost` counts among the first `chats` of `chat_ids`."""
        return self._call("stats", chats)

    def sends(self) -> tuple[list[tuple[int, float]], int]:
        """[(chat id, time.time() when accepted)] of every message since the last forget; calls refused."""
        return self._call("sends")

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def forget(self) -> None:
        self._call("forget")
