"""Find a scraped page's headline among the lines before its lead.

A reader sees the headline as a short line standing alone (blank lines or
page furniture around it) above the first paragraph, often twice (the
page's h1 and its share title). Menus, section names, currency tickers and
weather widgets are not headlines. Without such a line there is no title
here, and the pipeline falls back to the lead sentence.
"""
from __future__ import annotations

from collections import Counter

from bot.ingest.clean import is_boilerplate, is_prose, line_key, normalise_line

MIN_WORDS, MAX_WORDS = 3, 30
MAX_CHARS = 250
LEAD_WORDS = 15  # a prose line this long is the lead: the headline comes before it
SCAN_LINES = 60


def _is_lead(line: str) -> bool:
    return is_prose(line) and len(line.split()) >= LEAD_WORDS


def _could_be_headline(line: str) -> bool:
    words = len(line.split())
    return (MIN_WORDS <= words <= MAX_WORDS and len(line) <= MAX_CHARS and not line.endswith(".")
            and not is_boilerplate(line))


def find_headline(text: str) -> str | None:
    """The headline line of `text` (before its lead), or None."""
    lines = [normalise_line(line) for line in text.split("\n")[:SCAN_LINES]]
    lead = next((i for i, line in enumerate(lines) if line and _is_lead(line)), len(lines))
    quiet = [not line or is_boilerplate(line) for line in lines]  # blank or furniture
    counts = Counter(line_key(line) for line in lines[:lead] if line)
    candidates = [
        (counts[line_key(line)] > 1, index, line) for index, line in enumerate(lines[:lead])
        if line and _could_be_headline(line)
        and (index == 0 or quiet[index - 1]) and (index + 1 >= len(lines) or quiet[index + 1])
    ]
    # A repeated line first; else the one nearest the lead (menus come before it).
    return max(candidates)[2] if candidates else None
