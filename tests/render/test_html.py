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


def test_split_fills_each_part_before_starting_the_next():
    # Entities, tags and characters beyond the BMP (two UTF-16 units) in every paragraph.
    paragraphs = [f"<b>Entry {i}</b> &amp; <i>😀</i>\n" + "слово &lt;x&gt; " * (40 + 17 * (i % 5)) for i in range(30)]
    parts = split_message("\n\n".join(paragraphs))
    assert "\n\n".join(parts) == "\n\n".join(paragraphs)
    assert all(visible_length(p) <= MAX_MESSAGE for p in parts)
    for part, following in zip(parts, parts[1:]):  # the next paragraph did not fit
        assert visible_length(f"{part}\n\n{following.split(chr(10) * 2)[0]}") > MAX_MESSAGE


def test_split_reads_the_text_about_once(monkeypatch):
    """Each paragraph is measured once, not the growing part again with every paragraph (the search reply,
    near the limit, is split on every send)."""
    import bot.render.html as html_module

    measured: list[int] = []
    stock = html_module.visible_length

    def counting(markup: str) -> int:
        measured.append(len(markup))
        return stock(markup)

    monkeypatch.setattr(html_module, "visible_length", counting)
    markup = "\n\n".join(f"<b>Entry {i}</b>\n" + "слово " * 60 for i in range(40))
    assert len(split_message(markup)) > 1
    assert sum(measured) <= 2.5 * len(markup)


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
