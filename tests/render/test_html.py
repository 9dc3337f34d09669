"""Escaping, splitting at paragraphs, highlighting, callback data."""
from __future__ import annotations

import pytest

from bot.render.callbacks import LatestRef, TimelineRef, TopicRef, decode, encode
from bot.render.entries import highlight
from bot.render.html import MAX_MESSAGE, esc, link, split_message, visible_length
from storage.stemming import stems


def test_escape_and_links():
    assert esc('<b>"x" & y</b>') == "&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;"
    assert link("a<b", "https://e.org/?q=1&r=2") == '<a href="https://e.org/?q=1&amp;r=2">a&lt;b</a>'
    assert link("x", "javascript:alert(1)") == "x"


def test_visible_length_counts_text_after_entities_in_utf16():
    assert visible_length("<b>ab</b> &amp; &lt;") == 6
    assert visible_length("😀") == 2


def test_split_keeps_paragraphs_whole_and_fits():
    paragraphs = [f"<b>Entry {i}</b>\n" + "слово " * 150 for i in range(12)]
    parts = split_message("\n\n".join(paragraphs))
    assert len(parts) > 1
    assert all(visible_length(p) <= MAX_MESSAGE for p in parts)
    assert "\n\n".join(parts) == "\n\n".join(paragraphs)


def test_split_cuts_a_huge_paragraph_at_words():
    parts = split_message("word " * 3000)
    assert all(visible_length(p) <= MAX_MESSAGE for p in parts)
    assert all(not p.startswith(" ") for p in parts)
    assert sum(p.count("word") for p in parts) == 3000


def test_highlight_marks_every_form_and_escapes():
    text = "Поправка 907 <и> поправку отменят"
    assert highlight(text, stems("поправки")) == "<b>Поправка</b> 907 &lt;и&gt; <b>поправку</b> отменят"


@pytest.mark.parametrize("ref", [
    TimelineRef(123, 2025, 12, "amendment907"), TimelineRef(), TopicRef("charter"), LatestRef(4, "tripp"),
    LatestRef(0, None),
])
def test_callback_round_trip(ref):
    data = encode(ref)
    assert len(data.encode()) <= 64
    assert decode(data) == ref


def test_callback_rejects_oversize_and_junk():
    with pytest.raises(ValueError):
        encode(TopicRef("x" * 80))
    for junk in ("", "tl|x|||", "zz|1", "tp|", "la|1"):
        assert decode(junk) is None
