"""HTML for single entries (events, articles, sources), with optional search highlighting.

Each entry is one paragraph without blank lines, so `split_message` can cut
between entries without breaking markup.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from bot.briefing.views import ArticleView, EventView, SourceView
from bot.render.html import esc, link
from bot.render.i18n import format_date, t
from storage.stemming import WORD_RE, stem_word

SUMMARY_LINE_CHARS = 160
SNIPPET_CHARS = 240  # an event's summary in a search reply too long for one message with whole summaries
SNIPPET_LEAD = 60  # at most this much of the text before the first matching word


def highlight(text: str, terms: Iterable[str], *, tag: str = "b") -> str:
    """Escape `text`, putting the words whose stems are among `terms` in <`tag`> (bold in Telegram)."""
    wanted, candidates = _matcher(tuple(terms))
    if not wanted:
        return esc(text)
    out, pos = [], 0
    for match in candidates.finditer(text):
        if stem_word(match.group()) in wanted:
            out.append(esc(text[pos:match.start()]))
            out.append(f"<{tag}>{esc(match.group())}</{tag}>")
            pos = match.end()
    out.append(esc(text[pos:]))
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _matcher(terms: tuple[str, ...]) -> tuple[frozenset[str], re.Pattern]:
    """The stems wanted and their candidates' pattern, made once per search: a reply highlights twenty
    texts or more with the same terms."""
    wanted = frozenset(terms)
    return wanted, _candidates(wanted)


def _candidates(stems: set[str] | frozenset[str]) -> re.Pattern:
    """The words of a text (as storage.stemming.WORD_RE finds them) that may have one of `stems`.

    Snowball changes only a word's ending, and storage.stemming lower-cases and folds ё to е first, so a
    stem begins with its word's first letter so folded: only the words beginning with one of the stems'
    letters are stemmed (a search reply's summaries are mostly other words; stemming each was most of its
    rendering)."""
    initials = "".join(sorted({stem[:1] for stem in stems}))
    if not initials or "" in stems:
        return WORD_RE
    letters = initials + ("ё" if "е" in initials else "")
    # A word of WORD_RE's that begins with one of the letters, in any case: the letter, then the check that
    # it begins a word (tried only where the letter is: three times as fast as checking first), then the rest.
    return re.compile(rf"[{re.escape(letters)}](?<![^\W_].)[^\W_]*", re.IGNORECASE)


def source_html(lang: str, source: SourceView) -> str:
    name = source.outlet
    if source.published:
        name = f"{name}, {format_date(lang, source.published)}"
    if source.url:
        return link(name, source.url)
    return f"{esc(name)} — {esc(source.title)}"


def sources_line(lang: str, sources: tuple[SourceView, ...]) -> str:
    if not sources:
        return ""
    return f"\n<i>{t(lang, 'sources')}:</i> " + "; ".join(source_html(lang, s) for s in sources)


def event_html(lang: str, event: EventView, *, terms: Iterable[str] = (), label: str | None = None,
               snippet: bool = False) -> str:
    """Date at its precision, title, one-paragraph summary (with `snippet`, the part around the first
    word matching `terms`), sources as links."""
    terms = tuple(terms)
    date = format_date(lang, event.date, event.precision)
    head = f"<b>{esc(date)}</b>" + (f" · {esc(label)}" if label else "")
    title = f"<i>{highlight(event.title, terms)}</i>" if terms else f"<b>{esc(event.title)}</b>"
    summary = " ".join(event.summary.split())  # one paragraph, whatever the stored line breaks
    shown = highlight_snippet(summary, terms) if snippet else highlight(summary, terms)
    return f"{head}\n{title}\n{shown}{sources_line(lang, event.sources)}"


def highlight_snippet(text: str, terms: Iterable[str], limit: int = SNIPPET_CHARS) -> str:
    """`highlight` of about `limit` characters of one-paragraph `text` around its first word matching
    `terms` (from the start when none does), cut at word boundaries, an ellipsis where text is left out."""
    if len(text) <= limit:
        return highlight(text, terms)
    wanted, candidates = _matcher(tuple(terms))
    hit = next((m.start() for m in candidates.finditer(text) if stem_word(m.group()) in wanted), 0)
    start = 0
    if hit > SNIPPET_LEAD:  # from the hit's sentence when that begins close before it, else a word before it
        sentence = max(text.rfind(". ", 0, hit), text.rfind("! ", 0, hit), text.rfind("? ", 0, hit))
        if sentence >= 0 and hit - (sentence + 2) <= SNIPPET_LEAD:
            start = sentence + 2
        else:
            space = text.find(" ", hit - SNIPPET_LEAD, hit)
            start = space + 1 if space >= 0 else hit
    end = min(start + limit, len(text))
    if end < len(text) and (cut := text.rfind(" ", start, end)) > hit:
        end = cut
    piece = text[start:end].rstrip(" ,;:—-")
    return ("…" if start else "") + highlight(piece, terms) + ("…" if end < len(text) else "")


def one_line(text: str, limit: int = SUMMARY_LINE_CHARS) -> str:
    """The first sentence or so of `text`, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—-") + "…"


def article_html(lang: str, article: ArticleView, *, terms: Iterable[str] = ()) -> str:
    terms = tuple(terms)
    title = f"<i>{highlight(article.title, terms)}</i>" if terms else f"<b>{esc(article.title)}</b>"
    meta = " · ".join(x for x in (esc(article.outlet or ""), esc(format_date(lang, article.published.date()))) if x)
    summary = highlight(one_line(article.summary), terms)
    read = f"\n{link('→ ' + (article.outlet or article.url or ''), article.url)}" if article.url else ""
    return f"{title}\n{meta}\n{summary}{read}"
