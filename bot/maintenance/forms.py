"""The guided forms' steps: what each step accepts and which step comes next (no I/O).

A form's answers live in its draft's `data` (JSON): typed text goes through
`accept_text`, button presses through `accept_choice`; both return the next
step and the new data, or raise Invalid for the maintainer to try again.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from bot.maintenance import validation
from bot.maintenance.events import EventInput
from bot.maintenance.topics import TopicInput
from bot.maintenance.validation import Invalid, SourceInput
from storage.seed_schema import LANGS, PartialDate

ADD_EVENT, ADD_TOPIC, EDIT = "addevent", "addtopic", "edit"
EVENT_STEPS = ("date", "languages", "title_ru", "summary_ru", "title_en", "summary_en", "topics", "sources",
               "preview")
TOPIC_STEPS = ("slug", "name_ru", "name_en", "tagline_ru", "tagline_en", "keywords", "preview")
LANGUAGE_CHOICES = {"both": list(LANGS), "ru": ["ru"], "en": ["en"]}
DONE, CONFIRM, CANCEL = "!done", "!ok", "!no"


def steps_of(kind: str) -> tuple[str, ...]:
    return EVENT_STEPS if kind == ADD_EVENT else TOPIC_STEPS


def next_step(kind: str, data: dict, step: str) -> str:
    steps = steps_of(kind)
    for candidate in steps[steps.index(step) + 1:]:
        lang = candidate.rpartition("_")[2]
        if kind == ADD_EVENT and lang in LANGS and lang not in data.get("langs", LANGS):
            continue
        return candidate
    return steps[-1]


def accept_text(kind: str, step: str, data: dict, text: str, *, known_topics: list[str],
                taken_slugs: set[str]) -> tuple[str, dict]:
    """The next step and data after the maintainer typed `text` at `step`."""
    data = dict(data)
    if step == "date":
        date = validation.parse_date(text)
        data |= {"date": date.value.isoformat(), "precision": date.precision}
    elif step == "languages":
        return accept_choice(kind, step, data, text.strip().lower())
    elif step.startswith("title_"):
        data[step] = validation.title(text)
    elif step.startswith("summary_"):
        data[step] = validation.summary(text)
    elif step == "topics":
        data["topics"] = validation.topic_list(text, known_topics)
    elif step == "sources":
        cited = [*data.get("sources", []), *(asdict(s) for s in validation.sources(text))]
        if len(cited) > validation.MAX_SOURCES:
            raise Invalid("too_many_sources", limit=validation.MAX_SOURCES)
        return step, data | {"sources": cited}  # more may follow, until Done
    elif step == "slug":
        data["slug"] = validation.topic_slug(text, taken=taken_slugs)
    elif step.startswith("name_"):
        data[step] = validation.one_line_text(text, field="name", limit=validation.NAME_MAX)
    elif step.startswith("tagline_"):
        data[step] = validation.one_line_text(text, field="tagline", limit=validation.TAGLINE_MAX)
    elif step == "keywords":
        data["keywords"] = validation.keywords(text)
    else:
        raise Invalid("use_buttons")
    return next_step(kind, data, step), data


def accept_choice(kind: str, step: str, data: dict, choice: str) -> tuple[str, dict]:
    """The next step and data after a button press (`choice`) at `step`; an edit's Done is its caller's."""
    data = dict(data)
    if step == "languages":
        if choice not in LANGUAGE_CHOICES:
            raise Invalid("languages")
        data["langs"] = LANGUAGE_CHOICES[choice]
    elif step == "topics" and choice != DONE:
        chosen = list(data.get("topics", []))
        data["topics"] = [s for s in chosen if s != choice] if choice in chosen else [*chosen, choice]
        return step, data
    elif step == "sources" and choice == DONE:
        if not data.get("sources"):
            raise Invalid("no_sources")
    elif not (step == "topics" and choice == DONE):
        raise Invalid("use_buttons")
    return next_step(kind, data, step), data


def event_input(data: dict) -> EventInput:
    langs = data.get("langs", LANGS)
    return EventInput(
        date=PartialDate(value=dt.date.fromisoformat(data["date"]), precision=data["precision"]),
        titles={lang: data[f"title_{lang}"] for lang in langs},
        summaries={lang: data[f"summary_{lang}"] for lang in langs},
        topics=tuple(data.get("topics", ())), sources=tuple(SourceInput(**s) for s in data.get("sources", ())))


def topic_input(data: dict) -> TopicInput:
    return TopicInput(slug=data["slug"], names={lang: data[f"name_{lang}"] for lang in LANGS},
                      taglines={lang: data[f"tagline_{lang}"] for lang in LANGS}, keywords=data["keywords"])
