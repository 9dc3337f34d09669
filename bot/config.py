"""Settings from the environment and `.env`, validated once at start-up."""
from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.ingest.host_policy import HostPolicy, parse_entry
from bot.web import settings_checks as web_checks

OFFICIAL_API_URL = "https://api.telegram.org/bot"
DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./briefbot.db"
TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,}$")


class ConfigError(Exception):
    """One clear line per invalid key, for the CLI to print instead of a traceback."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: str | None = None
    telegram_api_url: str = OFFICIAL_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    bot_owners: Annotated[tuple[int, ...], NoDecode] = ()
    default_timezone: str = "Asia/Baku"
    default_language: Literal["ru", "en"] = "ru"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    seeds_dir: str | None = Field(default=None, description="dossier folder; default: the shipped seeds/")
    # Each reader's commands and button presses: a burst, then so many a second (bot/handlers/flood.py).
    reader_burst: float = Field(default=6.0, ge=3, le=100, description="commands a reader may send at once")
    reader_per_second: float = Field(default=2.0, gt=0, le=100, description="commands a second a reader may keep up")
    # The delivery engine (bot/delivery/) keeps within Telegram's limits itself.
    delivery_rate: float = Field(default=30.0, gt=0, le=1000, description="messages per second overall")
    delivery_paid_broadcast: bool = False  # allow_paid_broadcast on every push: up to 1000/s, paid in Stars
    delivery_chat_interval: float = Field(default=1.0, gt=0, le=60, description="seconds between messages to one private chat")
    delivery_group_per_minute: int = Field(default=20, gt=0, le=1000)
    delivery_max_attempts: int = Field(default=5, ge=1, le=50, description="tries after timeouts and 5xx")
    delivery_timeout: float = Field(default=10.0, gt=0, le=300, description="seconds per Bot API request")
    delivery_in_flight: int = Field(default=100, ge=1, le=10_000, description="most deliveries marked sending at once")
    # A message sent with no answer (timeout, connection reset) may have reached the chat:
    # skip: record it `uncertain`, never a duplicate; resend: retry it, never a loss.
    delivery_in_doubt: Literal["skip", "resend"] = "skip"

    # Fetching reaches public addresses only; these hosts, addresses or CIDR networks are allowed besides.
    fetch_allow_private_hosts: Annotated[tuple[str, ...], NoDecode] = ()

    # Webhook mode (bot/web/): Telegram posts updates to WEBHOOK_URL; unset, the bot polls.
    webhook_url: str | None = None
    webhook_secret: str | None = Field(default=None, repr=False)
    web_listen: str | None = Field(default=None, description="host:port of the web server")
    webhook_max_connections: int = Field(default=40, ge=1, le=100, description="Telegram's connections at once")
    # The address people reach the web pages at (behind a proxy); unset, the pages still serve on
    # WEB_LISTEN, but links shared from the bot (web buttons, Open Graph URLs) have no address to use.
    public_url: str | None = None
    # Seconds a rendered public page is kept in memory (bot/web/pages/page_cache.py); 0 turns it off.
    # At most the minute the pages' Cache-Control already lets browsers and proxies keep them.
    page_cache_seconds: float = Field(default=20.0, ge=0, le=60)

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _token(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        token = str(value).strip()
        if not TOKEN_RE.match(token):
            raise ValueError("does not look like a bot token (expected 123456789:ABC..., from @BotFather)")
        return token

    @field_validator("fetch_allow_private_hosts", mode="before")
    @classmethod
    def _allowed_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            value = [p.strip() for p in value.split(",") if p.strip()]
        for entry in value or ():
            parse_entry(str(entry))  # ValueError names the bad entry
        return tuple(str(entry).strip() for entry in value or ())

    @field_validator("webhook_url", "webhook_secret", "web_listen", "public_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        return None if value is None else web_checks.check_webhook_url(value)

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        return None if value is None else web_checks.check_public_url(value)

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: str | None) -> str | None:
        return None if value is None else web_checks.check_secret(value.strip())

    @field_validator("web_listen")
    @classmethod
    def _web_listen(cls, value: str | None) -> str | None:
        if value is not None:
            web_checks.parse_listen(value)
        return None if value is None else value.strip()

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> "Settings":
        if self.webhook_url and not self.webhook_secret:
            raise ValueError("WEBHOOK_SECRET: is required with WEBHOOK_URL (Telegram sends it with every update); "
                             f"make one with {web_checks.MAKE_SECRET}")
        return self

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        return check_api_url(value)

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        return normalise_database_url(value)

    @field_validator("bot_owners", mode="before")
    @classmethod
    def _owners(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            bad = [p for p in parts if not re.fullmatch(r"\d{1,20}", p)]
            if bad:
                raise ValueError(f"must be comma-separated numeric Telegram user ids, got {', '.join(bad)!s}")
            return tuple(int(p) for p in parts)
        return value

    @field_validator("default_timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA timezone name such as Asia/Baku or Europe/Berlin") from None
        return value.strip()

    @field_validator("default_language", "delivery_in_doubt", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @property
    def fetch_hosts(self) -> HostPolicy:
        """The hosts fetching may reach: public ones and the allow-list."""
        return HostPolicy.allowing(self.fetch_allow_private_hosts)

    @property
    def listen_address(self) -> tuple[str, int]:
        """Where the web server binds: WEB_LISTEN, by default 127.0.0.1:8080."""
        return web_checks.parse_listen(self.web_listen or web_checks.DEFAULT_LISTEN)

    @property
    def serves_web(self) -> bool:
        """Whether `briefbot run` starts the web server: webhook mode, WEB_LISTEN, or pages to serve at
        PUBLIC_URL (the bot links there, so something must answer; on WEB_LISTEN's default)."""
        return bool(self.webhook_url or self.web_listen or self.public_url)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def check_api_url(value: str) -> str:
    """A Bot API base URL that httpx will accept: http(s), a host, a port 1-65535 if any."""
    value = value.strip()
    example = "such as https://api.telegram.org/bot"
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
        raise ValueError(f"must be an http(s) URL {example}")
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed [IPv6] bracket
        raise ValueError(f"is not a valid URL, {example}") from None
    try:
        port = parts.port  # raises ValueError for a port that is not a number in 0-65535
    except ValueError:
        raise ValueError(f"has an invalid port (a number from 1 to 65535), {example}") from None
    if not parts.hostname:
        raise ValueError(f"has no host name, {example}")
    if port == 0 or (parts.netloc.endswith(":") and port is None):
        raise ValueError(f"has an invalid port (a number from 1 to 65535), {example}")
    if parts.query or parts.fragment:
        raise ValueError(f"must not have a query or fragment (the token is appended to it), {example}")
    return value


def normalise_database_url(value: str) -> str:
    """Accept the usual spellings and return the async driver's URL."""
    value = value.strip()
    for prefix, async_prefix in (
        ("sqlite+aiosqlite://", "sqlite+aiosqlite://"),
        ("sqlite://", "sqlite+aiosqlite://"),
        ("postgresql+asyncpg://", "postgresql+asyncpg://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
    ):
        if value.startswith(prefix):
            return async_prefix + value[len(prefix):]
    raise ValueError("must start with sqlite:/// (a file) or postgresql:// (a server)")


def load_settings(**overrides: object) -> Settings:
    """Build Settings or raise ConfigError with one line per invalid key."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "literal_error":
                msg = f"must be one of {err['ctx']['expected']}"
            # A check across keys (no location) names its key itself.
            lines.append(f"{str(err['loc'][0]).upper()}: {msg}" if err["loc"] else msg)
        raise ConfigError("\n".join(f"Configuration error: {line}" for line in lines)) from None
