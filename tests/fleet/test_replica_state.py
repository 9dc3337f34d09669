"""What a chat is doing does not depend on which replica gets its next update: a language changed on
one replica is spoken by the other at once, a topic added on one is listed by the other, a guided
form started on one is finished on the other, a subscription made on a follower reaches the leader's
planner at once."""
from __future__ import annotations

from bot.render.i18n import t
from bot.scheduling.push_jobs import WAKE_JOB
from bot.scheduling.scheduler import SCHEDULER_KEY
from tests.fleet.conftest import OWNER_ID, add_maintainer_team, eventually, fleet_of


async def say(replica, user, text: str) -> str:
    return (await replica.ask(user, text))[0].plain


async def test_a_language_changed_on_one_replica_is_spoken_by_the_other(pg_url):
    async with fleet_of(2, pg_url) as fleet:
        ann = fleet.fake.create_user(first_name="Ann", language_code="ru")
        second = await fleet.route(1)
        assert (await say(second, ann, "/start")).startswith("Здравствуйте, Ann!")  # remembered as Russian there
        first = await fleet.route(0)
        assert await say(first, ann, "/lang en") == t("en", "lang.changed")
        second = await fleet.route(1)
        assert (await say(second, ann, "/help")).startswith("What I can do")
        assert await say(second, ann, "/lang ru") == t("ru", "lang.changed")
        first = await fleet.route(0)
        assert (await say(first, ann, "/help")).startswith("Что я умею")


async def test_a_topic_added_on_one_replica_is_listed_by_the_other(pg_url):
    async with fleet_of(2, pg_url, owners=(OWNER_ID,)) as fleet:
        owner, _ = await add_maintainer_team(pg_url, fleet.fake)
        reader = fleet.fake.create_user(first_name="Rita", language_code="en")
        second = await fleet.route(1)
        assert "/energy" not in await say(second, reader, "/topics")  # the topics are in its memory now
        first = await fleet.route(0)
        added = await say(first, owner, "/addtopic energy | Энергетика | Energy | energy, gas pipeline, газ")
        assert added.startswith("Added the topic /energy")
        second = await fleet.route(1)
        assert "/energy — Energy" in await say(second, reader, "/topics")


async def test_a_form_started_on_one_replica_is_finished_on_another(pg_url):
    async with fleet_of(2, pg_url, owners=(OWNER_ID,)) as fleet:
        owner, _ = await add_maintainer_team(pg_url, fleet.fake)
        steps = [("/addtopic", "New topic. /cancel leaves at any step."), ("climate", "Send the topic's name in Russian"),
                 ("Климат", ""), ("Climate", ""), ("Климатическая повестка", ""),
                 ("The climate agenda", "Send the keywords")]
        for number, (text, expected) in enumerate(steps):  # every step on the other replica
            replica = await fleet.route(number % 2)
            assert (await say(replica, owner, text)).startswith(expected)
        replica = await fleet.route(0)
        preview = (await replica.ask(owner, "climate, COP29, климат"))[0]
        assert preview.plain.startswith("Preview of the new topic.") and "/climate" in preview.plain
        replica = await fleet.route(1)
        fleet.fake.press_button(owner, preview, "Confirm")
        [added] = await fleet.fake.wait_for_messages(owner, 1, after=fleet.fake.messages(owner)[-1])
        assert added.plain.startswith("Added the topic /climate")
        reader = fleet.fake.create_user(first_name="Rita", language_code="en")
        replica = await fleet.route(0)
        assert "/climate — Climate" in await say(replica, reader, "/topics")


async def test_a_subscription_made_on_a_follower_retargets_the_leaders_planner(pg_url):
    async with fleet_of(2, pg_url) as fleet:
        scheduler = fleet[0].app.bot_data[SCHEDULER_KEY]
        await eventually(lambda: scheduler.get_job(WAKE_JOB) is None, timeout=10,
                         what="the start-up planning to run (no schedules yet: no wake-up)")
        ann = fleet.fake.create_user(first_name="Ann", language_code="en")
        follower = await fleet.route(1)
        assert fleet.leaders() == [0]
        assert (await say(follower, ann, "/subscribe")).strip()
        # Without a word from the follower the leader would plan at its next minute tick.
        await eventually(lambda: scheduler.get_job(WAKE_JOB) is not None, timeout=5,
                         what="the leader to set its wake-up for the new schedules")


async def test_replicas_share_telegrams_overall_limit_on_direct_replies(pg_url, monkeypatch):
    monkeypatch.setattr("bot.fleet.bus.HEARTBEAT", 0.2)
    async with fleet_of(3, pg_url) as fleet:
        limiters = [replica.app.bot.rate_limiter for replica in fleet.replicas]
        await eventually(lambda: [lim.overall_per_second for lim in limiters] == [10.0] * 3, timeout=5,
                         what="each of three replicas to keep to a third of 30 messages a second")
        ann = fleet.fake.create_user(first_name="Ann", language_code="en")
        replica = await fleet.route(1)
        assert (await replica.ask(ann, "/start"))[0].plain  # replies still flow at the share
