"""Strip what is not the article from scraped page text.

Each non-empty line is weighed: prose (a line of several words ending like a
sentence) counts for its length; navigation-like lines (no sentence
punctuation) and known boilerplate (timestamps, share counters, language
switchers, bylines, cookie notices, video teasers, the repeated title...)
count against; headings of story lists ("Последние новости", "Выбор
редакции", "Читайте также") strongly against. The article is the contiguous
run of lines with the highest total (a maximum-subarray search), so headline
lists around it fall away even when one of their items looks like a sentence,
while a stray call to subscribe between two paragraphs does not split it.
Inside that run the known boilerplate is dropped and everything else kept, so
subheadings survive. Paragraphs come back separated by blank lines.
"""
from __future__ import annotations

import re

# Whole lines that are page furniture (compared case-insensitively, without a
# trailing colon). Lists of other stories follow the ones in LIST_HEADINGS.
LIST_HEADINGS = (
    "последние новости", "выбор редакции", "выбор редактора", "актуально",
    "новости для вас", "читайте также", "читайте еще", "читайте ещё", "по теме",
    "популярное", "самое читаемое", "главное", "все новости", "другие новости",
    "новости партнеров", "рекомендуем", "смотрите также", "latest news",
    "editor's choice", "editors' choice", "read more", "read also", "related",
    "related news", "most read", "top stories", "more news", "son xəbərlər",
    "redaktor seçimi", "xəbər lenti",
)
BOILERPLATE_LINES = LIST_HEADINGS + (
    "поделиться", "поделитесь", "share", "share this", "комментарии", "теги",
    "реклама", "advertisement", "подписаться", "subscribe", "меню", "menu",
    "поиск", "search", "версия для печати", "print", "az", "ru", "en", "tr",
    "azərbaycanca", "русский", "english", "türkçe", "українська", "қазақша",
)
# Short lines starting like this are credits, calls to action or notices.
BOILERPLATE_PREFIXES = (
    "фото:", "фото ", "photo:", "photo ", "видео:", "video:", "источник:",
    "source:", "автор:", "author:", "текст:", "подписывайтесь", "подпишитесь",
    "подписывайся", "следите за нами", "читайте нас", "читайте также",
    "смотрите также", "присоединяйтесь к нам", "мы в соцсетях",
    "все права защищены", "©", "copyright", "при использовании материалов",
    "при цитировании", "при полном или частичном", "нашли ошибку",
    "если вы заметили ошибку", "follow us", "sign up", "abunə olun",
)
BYLINE_PREFIXES = ("by ", "автор ", "текст ", "müəllif")  # only in very short lines
# Markers anywhere in a short line that make it furniture.
BOILERPLATE_FRAGMENTS = (
    "cookie", "куки", "ctrl+enter", "enable javascript", "включите javascript", "appeared first on",
)
# "Read more" links glued to the end of a paragraph (feed summaries): cut off.
READ_MORE_RE = re.compile(
    r"(?:\[\s*)?(?:читать далее|читать полностью|подробнее|read more|continue reading|davamını oxu)"
    r"\s*(?:\.\.\.|…|→|»|>>|\])*\s*$",
    re.IGNORECASE,
)
TAIL_CHARS = 80  # stamps and teaser tags are looked for at the end of a line
SHORT_LINE = 200  # fragments and prefixes only count in lines shorter than this
BYLINE_LINE = 60

TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
DAY_WORDS = r"(?:сегодня|вчера|today|yesterday|bu gün|bugün|dünən)"
# A line ending in a time stamp or date stamp is a byline or list item: prose
# ends with punctuation instead.
STAMP_END_RE = re.compile(
    r"(?:" + TIME + r"|" + TIME + r"\s*[-–—,]\s*" + DAY_WORDS
    + r"|\d{1,2}\s*[./]\s*\d{1,2}\s*[./]\s*\d{2,4}(?:,?\s*" + TIME + r")?)\s*$",
    re.IGNORECASE,
)
STAMP_START_RE = re.compile(r"^" + DAY_WORDS + r"\s*,?\s*" + TIME, re.IGNORECASE)
TIME_RE = re.compile(r"\b" + TIME + r"\b")
# Teasers end in upper-case tags: "... - ФОТО - ВИДЕО - ОБНОВЛЕНО".
TEASER_RE = re.compile(r"\s[-–—]\s*[A-ZА-ЯЁ]{3,}(?:\s*[-–—]\s*[A-ZА-ЯЁ]{3,})*\s*$")
# Currency tickers and weather widgets: "USD 1.7000 EUR 1.9811", "€ 1,98", "Баку +12°C".
CURRENCY_CODES = ("USD", "EUR", "RUB", "AZN", "GBP", "TRY", "CNY", "GEL", "KZT", "UAH", "JPY", "CHF")
CURRENCY_SIGNS = "$€₽₼£¥"
DEGREES = "°"
WEATHER_WORDS = ("курс", "погода", "weather", "hava")
CURRENCY = r"(?:" + "|".join(CURRENCY_CODES) + r"|[" + CURRENCY_SIGNS + r"])"
TICKER_RE = re.compile(
    r"(?:" + CURRENCY + r"\s*[:=/]?\s*[+\-−]?\d|\d\s*" + CURRENCY + r"(?!\w))"
    r"|[+\-−]?\d{1,3}\s*" + DEGREES + r"|\b(?:" + WEATHER_WORDS[0] + r"\w*|" + "|".join(WEATHER_WORDS[1:]) + r")\b.*\d",
    re.IGNORECASE,
)
# Quick looks before TICKER_RE's slow one (25 us on a 60-character line of news with a time in it): every
# ticker has a digit, and one of these marks in the case-folded line (each branch has one, and what
# IGNORECASE takes for a mark's letters case-folds to them: tests/ingest/test_clean_tickers.py).
DIGIT_RE = re.compile(r"\d")
TICKER_MARKS = tuple(mark.casefold() for mark in (*CURRENCY_CODES, *CURRENCY_SIGNS, DEGREES, *WEATHER_WORDS))
COUNTER_RE = re.compile(r"^[\d\s.,]+[kкmм]?$", re.IGNORECASE)
SENTENCE_END = ".!?…:;\"'»“”)]"
ODD_SPACES = "\t\u00a0" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"  # all but " "
SPACES = "[ " + ODD_SPACES + "]"
SPACE_RE = re.compile(SPACES + "+")
# The runs SPACE_RE.sub(" ", ...) changes: all but a lone plain space, which prose is full of
# (replacing each of those by itself cost a match apiece).
CHANGED_SPACE_RE = re.compile("[" + ODD_SPACES + "]" + SPACES + "*| " + SPACES + "+")
INVISIBLES = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
INVISIBLE_RE = re.compile("[" + INVISIBLES + "]")
NON_WORD_RE = re.compile(r"[\W_]+")

MIN_PROSE_WORDS = 5
HEADING_WEIGHT = -150     # a list heading: what follows is other stories
BOILERPLATE_WEIGHT = -30  # other known furniture (also dropped wherever it is)
SHORT_WEIGHT = -30        # at least this much for a line without sentence end


def line_key(line: str) -> str:
    """A line reduced to its lower-case words, for comparing with the lists."""
    return NON_WORD_RE.sub(" ", line.casefold()).strip()


HEADING_KEYS = frozenset(map(line_key, LIST_HEADINGS))
BOILERPLATE_KEYS = frozenset(map(line_key, BOILERPLATE_LINES))
LONGEST_KEY = max(map(len, BOILERPLATE_KEYS))
KEY_PROBE_SLACK = 40  # characters read past the longest key a line could equal, for punctuation


def listed_key(line: str, *, longest: int) -> str | None:
    """`line_key(line)`, or None when that is longer than `longest` (so it equals no listed key and no title).

    A paragraph's key costs a pass over all of it, yet only short keys are ever compared. Case
    folding goes character by character and the non-word runs are cut the same way in a prefix,
    so the key of a line's start is a prefix of the line's key: a long one settles it."""
    probe = longest + KEY_PROBE_SLACK
    if len(line) > probe and len(line_key(line[:probe])) > longest:
        return None
    return line_key(line)


def normalise_line(line: str) -> str:
    """One line with invisible characters removed and spaces collapsed."""
    return SPACE_RE.sub(" ", INVISIBLE_RE.sub("", line)).strip()


def spaced(text: str) -> str:
    """`text` with line breaks for carriage returns, invisible characters removed and runs of spaces made
    one plain space: `CHANGED_SPACE_RE.sub(" ", INVISIBLE_RE.sub("", text.replace("\\r", "\\n")))`.

    Most texts have nothing either regex would change, and looking for the characters they match one
    by one is faster than letting them scan (22 us against 96 for a page of 4,000 characters)."""
    text = text.replace("\r", "\n")
    if any(char in text for char in INVISIBLES):
        text = INVISIBLE_RE.sub("", text)
    if "  " in text or any(char in text for char in ODD_SPACES):
        text = CHANGED_SPACE_RE.sub(" ", text)
    return text


def is_boilerplate(line: str, *, title_key: str = "") -> bool:
    """Whether a line is known page furniture rather than article text."""
    key = listed_key(line, longest=max(LONGEST_KEY, len(title_key)))
    if key is not None and (not key or key in BOILERPLATE_KEYS or (title_key and key == title_key)):
        return True
    if COUNTER_RE.match(line):
        return True
    # A stamp ends in a digit or a day word, a teaser in a capital (then perhaps spaces): prose, ending
    # in punctuation, skips both searches.
    if line[-1].isalnum() or line[-1].isspace():
        tail = line[-TAIL_CHARS:]
        if STAMP_END_RE.search(tail) or TEASER_RE.search(tail):
            return True
    if STAMP_START_RE.match(line):
        return True
    lowered = line.casefold() if len(line) < SHORT_LINE else ""
    if len(line) < SHORT_LINE:
        if (line[-1] not in ".!?…" and DIGIT_RE.search(line) and any(mark in lowered for mark in TICKER_MARKS)
                and TICKER_RE.search(line)):
            return True
        if lowered.startswith(BOILERPLATE_PREFIXES):
            return True
        if any(fragment in lowered for fragment in BOILERPLATE_FRAGMENTS):
            return True
    if len(line) < BYLINE_LINE:
        if lowered.startswith(BYLINE_PREFIXES):
            return True
        if TIME_RE.search(line) and line[-1] not in SENTENCE_END:  # "12:01 | Политика"
            return True
    return False


def strip_read_more(line: str) -> str:
    """The line without a "Читать далее →" / "Read more" link at its end."""
    if line.endswith(".") and not line.endswith("..."):  # most prose: only "..." of the link ends in a dot
        return line
    tail = line[-TAIL_CHARS:]
    match = READ_MORE_RE.search(tail)
    return line[: len(line) - len(tail) + match.start()].rstrip() if match else line


def is_prose(line: str) -> bool:
    """A line of several words ending like a sentence."""
    return line[-1] in SENTENCE_END and len(line.split()) >= MIN_PROSE_WORDS


def line_weight(line: str, *, title_key: str = "", boilerplate: bool | None = None) -> int:
    """How much a line speaks for (positive) or against (negative) being article."""
    if boilerplate is None:
        boilerplate = is_boilerplate(line, title_key=title_key)
    if boilerplate:
        return HEADING_WEIGHT if line_key(line) in HEADING_KEYS else BOILERPLATE_WEIGHT
    if is_prose(line):
        return len(line)
    if line[-1] in SENTENCE_END:
        return 0
    return min(SHORT_WEIGHT, -len(line) // 2)


def best_run(weights: list[int]) -> tuple[int, int]:
    """Start and end (exclusive) of the contiguous run with the largest sum."""
    best_sum, best = 0, (0, 0)
    run_sum, run_start = 0, 0
    for index, weight in enumerate(weights):
        if run_sum <= 0:
            run_sum, run_start = weight, index
        else:
            run_sum += weight
        if run_sum > best_sum:
            best_sum, best = run_sum, (run_start, index + 1)
    return best


def clean_body(text: str, *, title: str | None = None) -> str:
    """The article text of `text`: paragraphs separated by blank lines, or ''."""
    text = spaced(text)
    lines = [strip_read_more(line) for line in map(str.strip, text.split("\n")) if line]
    lines = [line for line in lines if line]  # a line that was only a "Read more" link
    title_key = line_key(normalise_line(title)) if title else ""
    furniture = [is_boilerplate(line, title_key=title_key) for line in lines]
    weights = [line_weight(line, boilerplate=flag) for line, flag in zip(lines, furniture)]
    start, end = best_run(weights)
    return "\n\n".join(line for line, flag in zip(lines[start:end], furniture[start:end]) if not flag)
