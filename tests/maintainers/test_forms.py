"""The guided forms' steps, without Telegram."""
from __future__ import annotations

import pytest

from bot.maintenance import forms
from bot.maintenance.validation import Invalid

TOPICS = ["charter", "tripp"]


def _type(kind: str, step: str, data: dict, text: str) -> tuple[str, dict]:
    return forms.accept_text(kind, step, data, text, known_topics=TOPICS, taken_slugs={"charter", "help"})


def test_an_event_in_one_language_skips_the_others_steps():
    step, data = _type(forms.ADD_EVENT, "date", {}, "2026-03")
    assert (step, data) == ("languages", {"date": "2026-03-01", "precision": "month"})
    step, data = forms.accept_choice(forms.ADD_EVENT, step, data, "en")
    assert step == "title_en"
    step, data = _type(forms.ADD_EVENT, step, data, "Title")
    step, data = _type(forms.ADD_EVENT, step, data, "Summary.")
    assert step == "topics"
    step, data = forms.accept_choice(forms.ADD_EVENT, step, data, "tripp")
    step, data = forms.accept_choice(forms.ADD_EVENT, step, data, "charter")
    step, data = forms.accept_choice(forms.ADD_EVENT, step, data, "tripp")  # pressed again: off
    assert (step, data["topics"]) == ("topics", ["charter"])
    step, data = forms.accept_choice(forms.ADD_EVENT, step, data, forms.DONE)
    with pytest.raises(Invalid):
        forms.accept_choice(forms.ADD_EVENT, step, data, forms.DONE)  # no source yet
    step, data = _type(forms.ADD_EVENT, step, data, "https://apa.az/1\nhttps://apa.az/2 | APA")
    assert step == "sources" and len(data["sources"]) == 2
    step, data = forms.accept_choice(forms.ADD_EVENT, step, data, forms.DONE)
    assert step == "preview"
    event = forms.event_input(data)
    assert (event.untranslated, event.topics, event.date.precision) == ("ru", ("charter",), "month")
    with pytest.raises(Invalid) as caught:
        _type(forms.ADD_EVENT, "preview", data, "yes")
    assert caught.value.key == "use_buttons"


def test_both_languages_and_a_topic():
    step, data = forms.accept_choice(forms.ADD_EVENT, "languages", {"date": "2026-01-01", "precision": "day"}, "both")
    assert [step := forms.next_step(forms.ADD_EVENT, data, s) for s in ("languages", "title_ru", "summary_ru",
                                                                        "title_en")] == [
        "title_ru", "summary_ru", "title_en", "summary_en"]
    step, data = "slug", {}
    for text in ("energy", "Энергетика", "Energy", "Про энергетику", "About energy", "energy, газ"):
        step, data = _type(forms.ADD_TOPIC, step, data, text)
    assert step == "preview" and forms.topic_input(data).keywords == {"ru": ["газ"], "en": ["energy"], "az": []}
    with pytest.raises(Invalid):
        _type(forms.ADD_TOPIC, "slug", {}, "help")
