"""``FakeBotApi``: the object tests use — server lifecycle plus the driver mixins."""

from __future__ import annotations

from typing import Any

from .actions import ActionsMixin
from .models import FakeUser
from .observe import ObserveMixin
from .ratelimit import RateLimitConfig
from .server import FakeServer
from .state import FakeState
from .world import WorldMixin

DEFAULT_TOKEN = "123456789:AAF4k3-T0k3n_For_Briefing_Bot_Tests"


class FakeBotApi(WorldMixin, ActionsMixin, ObserveMixin):
    """A fake Telegram Bot API server over real HTTP on 127.0.0.1 (random port).

    Usage::

        with FakeBotApi() as fake:
            app = fake.application_builder().build()   # or wire it by hand:
            # Application.builder().token(fake.token)
            #     .base_url(fake.api_base_url).base_file_url(fake.file_base_url)

    The server runs in its own thread and event loop; every driver method is
    synchronous and thread-safe, the ``wait_for_*`` helpers are ``async``.
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "briefing_test_bot",
        bot_first_name: str = "Briefing Bot",
        can_join_groups: bool = True,
        can_read_all_group_messages: bool = False,
        strict_html: bool = True,
        rate_limits: bool | RateLimitConfig = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        bot_id = int(token.split(":", 1)[0])
        self.bot = FakeUser(id=bot_id, first_name=bot_first_name, username=bot_username, is_bot=True)
        config = rate_limits if isinstance(rate_limits, RateLimitConfig) else RateLimitConfig(enabled=bool(rate_limits))
        self.state = FakeState(
            token=token, bot=self.bot, can_join_groups=can_join_groups,
            can_read_all_group_messages=can_read_all_group_messages, strict_html=strict_html,
            rate_limits=config,
        )
        self.server = FakeServer(self.state, host, port)
        self.base_url: str | None = None

    # -- lifecycle -----------------------------------------------------------
    def start(self) -> str:
        """Start the server thread; returns ``http://127.0.0.1:PORT``."""
        self.base_url = self.server.start()
        return self.base_url

    def stop(self) -> None:
        self.server.stop()

    def refuse_connections(self) -> None:
        """Close the listening socket: clients see "connection refused" until `accept_connections`."""
        self.server.refuse_connections()

    def accept_connections(self) -> None:
        self.server.accept_connections()

    def __enter__(self) -> "FakeBotApi":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    async def __aenter__(self) -> "FakeBotApi":
        return self.__enter__()

    async def __aexit__(self, *exc: Any) -> None:
        self.stop()

    # -- wiring --------------------------------------------------------------
    @property
    def token(self) -> str:
        return self.state.token

    @property
    def api_base_url(self) -> str:
        """PTB ``base_url``: the token and method are appended (``.../bot<TOKEN>/<method>``)."""
        self._require_started()
        return f"{self.base_url}/bot"

    @property
    def file_base_url(self) -> str:
        """PTB ``base_file_url`` (``.../file/bot<TOKEN>/<file_path>``)."""
        self._require_started()
        return f"{self.base_url}/file/bot"

    def _require_started(self) -> None:
        if self.base_url is None:
            raise RuntimeError("FakeBotApi is not started; call start() or use it as a context manager")

    def application_builder(self) -> Any:
        """A ``telegram.ext.ApplicationBuilder`` with token, base_url and base_file_url set."""
        from telegram.ext import ApplicationBuilder

        return ApplicationBuilder().token(self.token).base_url(self.api_base_url).base_file_url(self.file_base_url)

    def make_bot(self, **kwargs: Any) -> Any:
        """A plain ``telegram.Bot`` talking to the fake (use ``async with bot:``)."""
        from telegram import Bot

        return Bot(self.token, base_url=self.api_base_url, base_file_url=self.file_base_url, **kwargs)

    # -- settings ------------------------------------------------------------
    @property
    def rate_limits(self) -> RateLimitConfig:
        """Mutable limits config: ``fake.rate_limits.enabled = False``, ``.time_scale = 0.1``."""
        return self.state.rate.config

    def reset_rate_limits(self) -> None:
        """Forget the send history and 429 counters."""
        self.state.rate.reset()

    @property
    def strict_html(self) -> bool:
        """Reject a bare "&" / "&nbsp;" in HTML text (Telegram itself keeps them literally)."""
        return self.state.strict_html

    @strict_html.setter
    def strict_html(self, value: bool) -> None:
        self.state.strict_html = value

    @property
    def faults(self) -> Any:
        return self.state.faults

    @property
    def callback_query_ttl(self) -> float | None:
        return self.state.callback_query_ttl

    @callback_query_ttl.setter
    def callback_query_ttl(self, seconds: float | None) -> None:
        self.state.callback_query_ttl = seconds
        self.state.inline_query_ttl = seconds

    # -- webhook delivery (webhook.py) ---------------------------------------
    def webhook_info(self) -> dict[str, Any]:
        """What getWebhookInfo answers now."""
        with self.state.lock:
            return self.server.api_getWebhookInfo(None)

    def webhook_posts(self, update_id: int | None = None) -> list[tuple[int, str | None]]:
        """Every POST made to the webhook so far: (update_id, error or None when answered 2xx)."""
        with self.state.lock:
            return [post for post in self.state.webhook_posts if update_id is None or post[0] == update_id]

    def lose_next_webhook_answers(self, count: int = 1) -> None:
        """The next `count` answers of the webhook count as never received: Telegram posts those updates again."""
        with self.state.lock:
            self.state.lost_webhook_answers += count
