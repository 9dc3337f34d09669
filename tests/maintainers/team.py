"""An owner, a maintainer and an outsider around the e2e `bot`; import `team` into a test module."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlmodel import func, select

from bot.handlers.maintainers import on_startup
from storage.db import open_session
from storage.models import AuditEntry, Chat, Maintainer
from tests.fakebot.models import FakeUser, StoredMessage

OWNER_ID, MAINTAINER_ID = 7_000_001, 7_000_002


@dataclass
class Team:
    bot: object  # tests.e2e.conftest.BotUnderTest
    owner: FakeUser
    maintainer: FakeUser
    outsider: FakeUser

    @property
    def fake(self):
        return self.bot.fake

    async def ask(self, user: FakeUser, text: str, count: int = 1, **kwargs) -> list[StoredMessage]:
        return await self.bot.ask(user, text, count=count, **kwargs)

    async def say(self, user: FakeUser, text: str) -> str:
        """Send `text` and return the bot's one reply as plain text."""
        return (await self.bot.ask(user, text))[0].plain

    async def say_all(self, user: FakeUser, text: str, *, complete: Callable[[list[str]], bool]) -> list[str]:
        """Send `text` and return every part of the bot's answer once `complete(parts)` holds
        (a long answer is split, and parts may wait out a 429 from the fake's rate limits)."""
        sent = self.fake.user_sends(user, text)

        def answer() -> list[str] | None:
            parts = [m.plain for m in self.fake.messages(user, after=sent)]
            return parts if complete(parts) else None
        return await self.fake.wait_for(answer, message=f"the whole answer to {text!r}")

    async def press(self, user: FakeUser, message: StoredMessage, button: str, count: int = 1,
                    ) -> list[StoredMessage]:
        """Press a button and wait for `count` new messages in the chat."""
        last = self.fake.messages(user)[-1]
        self.fake.press_button(user, message, button)
        return await self.fake.wait_for_messages(user, count, after=last)

    async def audit_count(self) -> int:
        async with open_session(self.bot.engine) as session:
            return (await session.exec(select(func.count()).select_from(AuditEntry))).one()


@pytest.fixture
async def team(bot) -> Team:
    """BOT_OWNERS = the owner; the maintainer granted in the database; menus set as at start-up."""
    owner = bot.fake.create_user(OWNER_ID, "Olga", language_code="en")
    maintainer = bot.fake.create_user(MAINTAINER_ID, "Max", language_code="en")
    outsider = bot.fake.create_user(first_name="Otto", language_code="en")
    bot.settings.bot_owners = (owner.id,)  # the Application holds this very Settings object
    async with open_session(bot.engine) as session:
        session.add(Maintainer(user_id=maintainer.id, name="Max", added_by=owner.id))
        # Both have used the bot before (their private chats are known), so start-up sets their menus.
        session.add_all([Chat(id=u.id, type="private", language="en") for u in (owner, maintainer)])
        await session.commit()
    await on_startup(bot.app)  # what post_init does with these owners and maintainers
    return Team(bot, owner, maintainer, outsider)


@pytest.fixture
async def local_server():
    """A local HTTP server for pages and feeds (see tests/ingest_store/http_server.py)."""
    from tests.ingest_store.http_server import LocalServer

    server = LocalServer()
    await server.start()
    yield server
    await server.stop()
