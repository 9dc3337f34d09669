"""Unit tests of the fake's Telegram-HTML parser, formatter and renderer (no server)."""

from __future__ import annotations

import pytest

from tests.fakebot import ApiError, HtmlParseError, entities_to_html, format_text, parse_html, utf16_len


def test_basic_tags_and_entities() -> None:
    text, ents = parse_html("<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <tg-spoiler>x</tg-spoiler>")
    assert text == "bold it u s x"
    assert [(e["type"], e["offset"], e["length"]) for e in ents] == [
        ("bold", 0, 4), ("italic", 5, 2), ("underline", 8, 1), ("strikethrough", 10, 1), ("spoiler", 12, 1),
    ]


def test_synonyms_links_code_pre_blockquote_emoji() -> None:
    html = (
        '<strong>a</strong><em>b</em><ins>c</ins><del>d</del><strike>e</strike>'
        '<span class="tg-spoiler">f</span><a href="https://example.com">g</a><code>h</code>'
        '<pre><code class="language-python">i</code></pre><pre>j</pre>'
        '<blockquote>k</blockquote><blockquote expandable>l</blockquote>'
        '<tg-emoji emoji-id="5368324170671202286">m</tg-emoji>'
    )
    text, ents = parse_html(html)
    assert text == "abcdefghijklm"
    by_type = {e["type"]: e for e in ents}
    assert by_type["text_link"]["url"] == "https://example.com/"
    assert by_type["pre"] in ents
    pres = [e for e in ents if e["type"] == "pre"]
    assert {"type": "pre", "offset": 8, "length": 1, "language": "python"} in pres
    assert {"type": "pre", "offset": 9, "length": 1} in pres
    assert "language" not in by_type["code"]
    assert by_type["expandable_blockquote"]["offset"] == 11
    assert by_type["custom_emoji"]["custom_emoji_id"] == "5368324170671202286"


def test_html_entities_are_decoded() -> None:
    text, ents = parse_html("&lt;tag&gt; &amp; &quot;q&quot; &#65;&#x42; &#128512;")
    assert text == '<tag> & "q" AB \U0001F600'
    assert ents == []


def test_utf16_offsets_count_surrogate_pairs() -> None:
    text, ents = parse_html("\U0001F600 <b>x</b>")
    assert ents == [{"type": "bold", "offset": 3, "length": 1}]
    assert utf16_len(text) == 4


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>bold", "Can't find end tag corresponding to start tag b"),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("a <br/> b", 'Unsupported start tag "br/" at byte offset 2'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("ж <p>", 'Unsupported start tag "p" at byte offset 3'),
        ("AT&T", "Character '&' is reserved"),
        ("a&nbsp;b", 'Unsupported HTML entity "&nbsp;"'),
    ],
)
def test_parse_errors(html: str, error: str) -> None:
    with pytest.raises(HtmlParseError) as info:
        parse_html(html)
    assert error in str(info.value)


def test_non_strict_mode_keeps_ampersands_like_telegram() -> None:
    assert parse_html("AT&T &nbsp;", strict=False) == ("AT&T &nbsp;", [])


def test_ampersand_in_href_is_accepted() -> None:
    text, ents = parse_html('<a href="https://x.org/?a=1&b=2">l</a>')
    assert ents[0]["url"] == "https://x.org/?a=1&b=2"


def test_format_text_trims_and_finds_auto_entities() -> None:
    text, ents = format_text("  /start@my_bot see https://t.me/x #news\n", None, None)
    assert text == "/start@my_bot see https://t.me/x #news"
    kinds = [(e["type"], text[e["offset"]: e["offset"] + e["length"]]) for e in ents]
    assert kinds == [("bot_command", "/start@my_bot"), ("url", "https://t.me/x"), ("hashtag", "#news")]



@pytest.mark.parametrize("before", ["Ж ", "😀 "], ids=["one-unit-characters", "astral-character"])
def test_auto_entities_have_utf16_offsets_and_need_no_dot(before: str) -> None:
    text, ents = format_text(f"{before}mail a@b.org, @someone, tg://user?id=5 $USD", None, None)
    found = sorted((e["type"], e["offset"], e["length"]) for e in ents)
    expected = [(kind, utf16_len(text[: text.index(part)]), len(part)) for kind, part in [
        ("email", "a@b.org"), ("mention", "@someone"), ("url", "tg://user?id=5"), ("cashtag", "$USD")]]
    assert found == sorted(expected)
    assert expected[0][1] == text.index("a@b.org") + (1 if before == "😀 " else 0)  # the emoji is two units


def test_format_text_errors_use_bot_api_wording() -> None:
    with pytest.raises(ApiError) as info:
        format_text("<b>x", "HTML", None)
    assert info.value.status == 400
    assert info.value.description == (
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag b"
    )
    with pytest.raises(ApiError):
        format_text("*x*", "MarkdownV2", None)


def test_entities_round_trip_to_html() -> None:
    source = ('<b>Hi <i>there</i></b> &lt;3 <a href="https://example.com/">link</a> '
              '<pre><code class="language-py">x = 1</code></pre>')
    text, ents = parse_html(source)
    assert entities_to_html(text, ents) == source
    assert parse_html(entities_to_html(text, ents)) == (text, ents)
