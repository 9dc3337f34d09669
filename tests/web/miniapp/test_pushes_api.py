"""The Mini App's "My pushes" API: init data checked, the form saved through the /settings services."""
from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlencode

from sqlmodel import select

from storage.db import open_session
from storage.models import Chat, Schedule, Subscription
from tests.web.init_data_signing import make_init_data

UTC = dt.timezone.utc
API = "/app/api/pushes"
# The bot's clock: Saturday 8 August 2026, 06:00 UTC (10:00 in Baku).


def init_data(site, user, *, age=dt.timedelta(minutes=1), token: str | None = None) -> str:
    return make_init_data(token or site.bot.settings.telegram_bot_token, user_id=user.id,
                          signed_at=site.bot.clock.now - age, language_code=user.language_code or "en")


async def call(site, method: str, user, body=None, *, data: str | None = None):
    headers = {"X-Telegram-Init-Data": data if data is not None else init_data(site, user)}
    response = await site.client.request(method, API, json=body, headers=headers)
    return response.status, await response.json()


async def rows(site, chat_id: int) -> tuple:
    """What the database holds for the chat: its row, schedules and subscriptions."""
    async with open_session(site.bot.engine) as session:
        chat = await session.get(Chat, chat_id)
        schedules = (await session.exec(select(Schedule).where(Schedule.chat_id == chat_id)
                                        .order_by(Schedule.id))).all()
        subs = (await session.exec(select(Subscription.topic_slug).where(Subscription.chat_id == chat_id))).all()
        return (chat and (chat.language, chat.timezone),
                [(s.kind, s.frequency, s.weekday, s.time_local, s.timezone, s.next_run_at) for s in schedules],
                sorted(subs))


async def test_the_form_loads_what_settings_shows(site):
    ann = site.bot.fake.create_user(language_code="en")
    await site.bot.ask(ann, "/subscribe charter tripp")
    status, state = await call(site, "GET", ann)
    assert status == 200
    assert [t["slug"] for t in state["topics"] if t["chosen"]] == ["charter", "tripp"]
    assert (state["digest"], state["time"], state["onthisday"], state["timezone"], state["language"]) == (
        "daily", "09:00", True, "Asia/Baku", "en")
    assert state["next"] == "Next push: the digest, Sun, 9 August, 09:00 (Asia/Baku)."


async def test_saving_changes_the_schedule_and_says_when_the_next_push_comes(site):
    ann = site.bot.fake.create_user(language_code="en")
    await site.bot.ask(ann, "/subscribe")
    body = {"digest": "weekly", "day": 2, "time": "07:30", "tz": "europe/berlin", "onthisday": False,
            "topics": ["tripp"], "lang": "en"}
    status, state = await call(site, "POST", ann, body)
    assert status == 200, state
    # Wednesday 12 August, 07:30 in Berlin (05:30 UTC); on-this-day is off.
    assert state["next"] == "Next push: the digest, Wed, 12 August, 07:30 (Europe/Berlin)."
    _, schedules, subs = await rows(site, ann.id)
    assert schedules[0] == ("digest", "weekly", 2, "07:30", "Europe/Berlin", dt.datetime(2026, 8, 12, 5, 30, tzinfo=UTC))
    assert schedules[1][1] == "off" and subs == ["tripp"]
    # The bot's /settings tells the same.
    [reply] = await site.bot.ask(ann, "/settings")
    assert "Digest of new articles: weekly on Wednesday at 07:30" in reply.plain
    assert "Topics: TRIPP" in reply.plain and "Time zone: Europe/Berlin" in reply.plain


async def test_an_unchanged_field_keeps_its_schedule(site):
    """Saving the form as loaded changes nothing: a push due now is not pushed past by a reschedule."""
    ann = site.bot.fake.create_user(language_code="en")
    await site.bot.ask(ann, "/subscribe")
    before = await rows(site, ann.id)
    _, state = await call(site, "GET", ann)
    body = {"topics": "all", "digest": state["digest"], "time": state["time"], "tz": state["timezone"],
            "onthisday": state["onthisday"], "onthisday_time": state["onthisday_time"], "lang": state["language"]}
    site.bot.clock.now += dt.timedelta(days=2)
    status, _ = await call(site, "POST", ann, body)
    assert status == 200 and await rows(site, ann.id) == before


async def test_forged_or_expired_init_data_gets_401_and_changes_nothing(site):
    ann = site.bot.fake.create_user(language_code="en")
    await site.bot.ask(ann, "/subscribe")
    before = await rows(site, ann.id)
    fields = dict(parse_qsl(init_data(site, ann)))
    fields["user"] = fields["user"].replace(str(ann.id), str(ann.id + 1))
    forged_user = urlencode(fields)
    other_token = init_data(site, ann, token="123456789:" + "Z" * 35)
    expired = init_data(site, ann, age=dt.timedelta(days=1, minutes=1))
    for data in (forged_user, other_token, expired, "", "hash=abc"):
        for method, body in (("GET", None), ("POST", {"time": "07:00", "topics": []})):
            status, answer = await call(site, method, ann, body, data=data)
            assert status == 401 and "Откройте эту страницу из бота" in answer["error"]  # DEFAULT_LANGUAGE
    assert await rows(site, ann.id) == before
    assert (await rows(site, ann.id + 1))[0] is None  # nor was anyone's chat recorded


async def test_a_refusal_speaks_the_pages_language(site):
    ann = site.bot.fake.create_user(language_code="en")
    expired = init_data(site, ann, age=dt.timedelta(days=2))
    for accept, expected in (("en", "Open this page from the bot"), ("en-GB,ru;q=0.5", "Open this page from the bot"),
                             ("ru", "Откройте эту страницу из бота"), ("de", "Откройте эту страницу из бота")):
        response = await site.client.get(API, headers={"X-Telegram-Init-Data": expired, "Accept-Language": accept})
        assert response.status == 401 and expected in (await response.json())["error"], accept


async def test_a_wrong_value_gets_400_in_the_users_language_and_nothing_is_written(site):
    aygun = site.bot.fake.create_user(language_code="ru")
    await site.bot.ask(aygun, "/subscribe")
    before = await rows(site, aygun.id)
    for body, field, words in (
        ({"tz": "Europe/Berlin", "time": "25:00"}, "time", "«25:00» — не время суток"),
        ({"tz": "Mars/Olympus"}, "tz", "Часовой пояс «Mars/Olympus» мне неизвестен"),
        ({"topics": ["charter", "atlantis"], "lang": "en"}, "topics", "«atlantis» — не тема досье"),
        ({"digest": "hourly"}, "digest", "Выберите для дайджеста"),
        ({"day": 7, "digest": "weekly"}, "day", "день недели"),
        ({"onthisday": "maybe"}, "onthisday", "«В этот день»"),
        ({"lang": "de"}, "lang", "Русский или English"),
        ({"colour": "red"}, "colour", "Форма прислала непонятное"),
        ([1, 2], "", "Форма прислала непонятное"),
    ):
        status, answer = await call(site, "POST", aygun, body)
        assert status == 400 and answer["field"] == field and words in answer["error"], (body, answer)
    for raw in (b"{not json", b"[" * 10_000, b"\xff\xfe"):
        response = await site.client.post(API, data=raw, headers={"X-Telegram-Init-Data": init_data(site, aygun)})
        assert response.status == 400 and (await response.json())["field"] == ""
    assert await rows(site, aygun.id) == before


async def test_someone_who_never_wrote_to_the_bot_can_subscribe_from_the_mini_app(site):
    bob = site.bot.fake.create_user(language_code="en")
    status, state = await call(site, "GET", bob)
    assert status == 200 and not any(t["chosen"] for t in state["topics"])
    assert state["next"].startswith("You are not subscribed")
    status, state = await call(site, "POST", bob, {"topics": "all", "time": "08:15"})
    assert status == 200 and all(t["chosen"] for t in state["topics"])
    assert state["next"] == "Next push: the digest, Sun, 9 August, 08:15 (Asia/Baku)."
    [reply] = await site.bot.ask(bob, "/settings")
    assert "Topics: the whole dossier" in reply.plain and "Digest of new articles: daily at 08:15" in reply.plain


async def test_the_language_changes_the_bots_answers_at_once(site):
    ann = site.bot.fake.create_user(language_code="en")
    await site.bot.ask(ann, "/subscribe")
    status, state = await call(site, "POST", ann, {"lang": "ru"})
    assert status == 200 and state["language"] == "ru" and state["next"].startswith("Следующая рассылка")
    [reply] = await site.bot.ask(ann, "/settings")
    assert reply.plain.startswith("Ваши рассылки")
