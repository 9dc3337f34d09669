"""Refusals are codes with parameters: English for the CLI, each catalog language for people."""
from __future__ import annotations

import pickle

import pytest

from bot.ingest.raw_article import RejectedArticle
from bot.ingest.refusals import CODES, OTHER, Refusal
from bot.ingest.scraped import parse_scraped
from bot.render.i18n import CATALOGS


def test_a_parser_refusal_carries_its_code_and_parameters():
    with pytest.raises(RejectedArticle) as info:
        parse_scraped(" date 2026-02-30 Title\nText.")
    refusal = info.value.refusal
    assert (refusal.code, refusal.params["value"]) == ("date_impossible", "2026-02-30")
    assert info.value.reason == "impossible date '2026-02-30' in the date line (day is out of range for month)"
    assert refusal.text("ru").startswith("невозможная дата «2026-02-30» в строке даты")
    assert pickle.loads(pickle.dumps(refusal)) == refusal  # files are prepared in worker processes


def test_parameters_are_escaped_for_telegram_only():
    refusal = Refusal.of("feed_entry_title_only", title="A <b> & C")
    assert refusal.reason == "feed entry 'A <b> & C' has no text (only a title)"
    assert refusal.text("en", html=True) == "feed entry 'A &lt;b&gt; &amp; C' has no text (only a title)"


def test_free_text_stays_as_it_is_and_every_code_has_words_in_every_language():
    assert Refusal.of("blocked: private address") == Refusal(OTHER, {"detail": "blocked: private address"})
    for catalog in CATALOGS.values():
        assert {f"ingest.reason.{code}" for code in CODES} <= set(catalog.TEXTS)
