"""/editevent, /delevent, /undo: edits by button and in one line, conflicts, the audit trail, re-seeding."""
from __future__ import annotations

import datetime as dt

from sqlmodel import select

from storage.db import open_session
from storage.models import AuditEntry, Event
from storage.seed_files import read_dossier
from storage.seed_loader import load_dossier
from tests.maintainers.team import team  # noqa: F401

CHARTER = "2026-02-10-charter-signed-baku"


async def _event_id(team, slug: str = CHARTER) -> int:
    async with open_session(team.bot.engine) as session:
        return (await session.exec(select(Event.id).where(Event.slug == slug))).one()


async def _event(team, event_id: int) -> Event:
    async with open_session(team.bot.engine) as session:
        return await session.get(Event, event_id)


async def test_edit_a_field_by_button(team):
    event_id = await _event_id(team)
    shown = (await team.ask(team.maintainer, f"/editevent {event_id}"))[0]
    assert shown.plain.startswith(f"Entry #{event_id} · version 1 · from the dossier files")
    assert "In Russian\n10 февраля 2026" in shown.plain and "In English\n10 February 2026" in shown.plain
    assert shown.button_texts == ["Date", "Title (ru)", "Title (en)", "Summary (ru)", "Summary (en)", "Topics",
                                  "Sources"]
    asked = (await team.press(team.maintainer, shown, "Title (en)"))[0].plain
    assert asked.startswith(f"Title (en) of #{event_id}: send the new value. Now:\n")
    saved = await team.say(team.maintainer, "Charter signed in Baku by Quixotic Vance")
    assert saved.startswith(f"Saved: Title (en).\n\nEntry #{event_id} · version 2 · kept by maintainers")
    assert "Charter signed in Baku by Quixotic Vance" in saved
    event = await _event(team, event_id)
    assert (event.version, event.edited_by, event.title_en) == (2, team.maintainer.id,
                                                                  "Charter signed in Baku by Quixotic Vance")
    assert "Quixotic" in await team.say(team.outsider, "/search Quixotic")  # the search entry follows

    topics = (await team.press(team.maintainer, (await team.ask(team.maintainer, f"/editevent {event_id}"))[0],
                               "Topics"))[0]
    assert topics.plain == f"Topics of entry #{event_id}: press to choose, then Done to save."
    assert "✓ Charter on Strategic Partnership" in topics.button_texts
    team.fake.press_button(team.maintainer, topics, "✓ Charter on Strategic Partnership")
    toggled = await team.fake.wait_for_edit(topics)
    saved = (await team.press(team.maintainer, toggled, "Done"))[0].plain
    assert saved.startswith(f"Saved: Topics.\n\nEntry #{event_id} · version 3")
    charter_timeline = await team.say(team.outsider, "/timeline charter 2026-02")
    assert "Quixotic" not in charter_timeline


async def test_edit_in_one_line_and_bad_values(team):
    event_id = await _event_id(team)
    assert "Saved: Date." in await team.say(team.owner, f"/editevent {event_id} date 2026-02")
    assert (await _event(team, event_id)).precision == "month"
    assert "does not exist in the calendar" in await team.say(team.owner, f"/editevent {event_id} date 2026-02-31")
    too_long = await team.say(team.owner, f"/editevent {event_id} summary_en {'x' * 2001}")
    assert "The summary is too long: 2001" in too_long
    assert "Unknown topics: nato" in await team.say(team.owner, f"/editevent {event_id} topics charter nato")
    assert "There is no field “colour”" in await team.say(team.owner, f"/editevent {event_id} colour red")
    assert "There is no entry #999999" in await team.say(team.owner, "/editevent 999999")
    assert (await team.say(team.owner, "/editevent abc")).startswith("Examples: /editevent 12")
    saved = await team.say(team.owner, f"/editevent {event_id} sources https://apa.az/1 | APA | Charter\n"
                                       "https://report.az/2")
    assert "Sources: APA" in saved and "report.az" in saved
    assert (await _event(team, event_id)).version == 3


async def test_two_maintainers_editing_the_same_entry(team):
    event_id = await _event_id(team)
    owner_view = (await team.ask(team.owner, f"/editevent {event_id}"))[0]
    maintainer_view = (await team.ask(team.maintainer, f"/editevent {event_id}"))[0]
    await team.press(team.owner, owner_view, "Summary (en)")
    await team.press(team.maintainer, maintainer_view, "Summary (en)")
    assert "version 2" in await team.say(team.owner, "The owner's summary.")
    refused = await team.say(team.maintainer, "The maintainer's summary.")
    assert refused.startswith("Not saved: someone changed this since you opened it (you saw version 1, "
                              "it is at version 2 now).")
    assert "The owner's summary." in refused and f"Entry #{event_id} · version 2" in refused
    assert (await _event(team, event_id)).summary_en == "The owner's summary."
    stale = (await team.press(team.maintainer, maintainer_view, "Title (ru)"))[0].plain  # a button showing v1
    assert stale.startswith("Not saved: someone changed this since you opened it (you saw version 1")


async def test_hide_undo_and_the_audit_trail(team):
    event_id = await _event_id(team)
    seeded_title = (await _event(team, event_id)).title_en
    await team.say(team.maintainer, f"/editevent {event_id} title_en Charter signed by Quintus")
    hidden = await team.say(team.maintainer, f"/delevent {event_id}")
    assert hidden == f"Entry #{event_id} is hidden from readers, search and digests. /undo brings it back."
    assert "Nothing found" in await team.say(team.outsider, "/search Quintus")
    assert "already" in await team.say(team.maintainer, f"/delevent {event_id}")
    assert "Quintus" not in await team.say(team.outsider, "/timeline 2026-02")

    undone = await team.say(team.maintainer, "/undo")
    assert undone.startswith(f"Undone: hide of event {event_id}")
    # The entry itself: "Nothing found for «Quintus»" names the word too.
    assert "Charter signed by Quintus" in await team.say(team.outsider, "/search Quintus")
    undone = await team.say(team.maintainer, "/undo")
    assert undone.startswith(f"Undone: update of event {event_id}")
    assert "Nothing found" in await team.say(team.outsider, "/search Quintus")
    assert (await _event(team, event_id)).title_en == seeded_title
    assert await team.say(team.maintainer, "/undo") == "You have no change left to undo."

    trail = await team.say(team.owner, "/audit 4")
    lines = trail.split("\n\n")
    assert lines[0] == "Latest 4 changes"
    assert f"Max ({team.maintainer.id})" in lines[1] and f"undo event {event_id}" in lines[1]
    assert "title_en: Charter signed by Quintus → " in lines[1]
    assert f"hide event {event_id}" in lines[3] and "hidden: False → True" in lines[3]


async def test_undo_does_not_override_a_later_change_by_someone_else(team):
    event_id = await _event_id(team)
    await team.say(team.owner, f"/editevent {event_id} title_en First")
    await team.say(team.maintainer, f"/editevent {event_id} title_en Second")
    refused = await team.say(team.owner, "/undo")
    assert refused.startswith("Your last change cannot be undone: someone changed the same entry since "
                              "(now version 3)")
    assert (await _event(team, event_id)).title_en == "Second"


async def test_undo_an_added_entry_hides_it(team):
    added = await team.say(team.owner, "/addevent 2026-03-09 | Xylophone talks | Talks. | - | https://apa.az/9")
    event_id = int(added.split("#")[1].split(".")[0])
    assert (await team.say(team.owner, "/undo")).startswith(f"Undone: create of event {event_id}")
    assert (await _event(team, event_id)).hidden
    assert "Nothing found" in await team.say(team.outsider, "/search Xylophone")


async def test_reseeding_leaves_maintainer_entries_intact(team):
    event_id = await _event_id(team)
    await team.say(team.maintainer, f"/editevent {event_id} title_en Edited by a maintainer")
    added = await team.say(team.maintainer, "/addevent 2026-03-10 | Yodelling summit | Summit. | - | https://apa.az/10")
    new_id = int(added.split("#")[1].split(".")[0])
    async with open_session(team.bot.engine) as session:
        report = await load_dossier(session, dossier=read_dossier(),
                                    now=dt.datetime(2026, 9, 1, tzinfo=dt.timezone.utc))
        await session.commit()
        kept = await session.get(Event, event_id)
        mine = await session.get(Event, new_id)
        seeded = (await session.exec(select(AuditEntry).where(AuditEntry.action == "seed",
                                                              AuditEntry.entity_key == CHARTER))).all()
    assert not report.changed
    assert (kept.title_en, kept.version) == ("Edited by a maintainer", 2)
    assert mine is not None and not mine.hidden
    assert len(seeded) == 1  # only the first load wrote it
    assert "Edited by a maintainer" in await team.say(team.outsider, "/search Edited maintainer")
