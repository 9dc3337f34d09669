"""Why an input was turned away, as a code with parameters, rendered per language from the catalogs.

Ingest says *what* went wrong (`Refusal(code, params)`); the words live in the catalogs under
`ingest.reason.<code>` (this module is the one place that maps codes to keys), so maintainers read
them in their language and the CLI report stays English (`Refusal.reason`). A refusal built from a
free English text (code OTHER) is shown as it is, in every language.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from bot.render.i18n import t

OTHER = "other"  # free text: {detail}
CODES = frozenset({
    OTHER, "fetch_failed", "text_too_long", "db_refused", "unprocessable", "unreadable",
    "feed_invalid", "feed_no_entry", "feed_without_entries", "feed_entry_empty", "feed_entry_title_only",
    "file_too_large", "file_too_large_over", "file_not_regular", "file_cannot_read", "file_empty",
    "html_binary", "html_empty", "html_unreadable", "html_no_text", "html_too_large", "fetch_blocked",
    "no_text_furniture", "too_short",
    "text_binary_nul", "text_not_utf8", "text_empty", "text_binary_controls",
    "date_malformed", "date_impossible", "date_line_without_date", "no_text_after_date",
})


@dataclass(frozen=True)
class Refusal:
    """Picklable (files are prepared in worker processes) and language-neutral."""

    code: str
    params: dict[str, str | int] = field(default_factory=dict)

    @classmethod
    def of(cls, code_or_text: str, **params: str | int) -> "Refusal":
        """A known code with its parameters, or (anything else) a free text kept as it is."""
        if code_or_text in CODES:
            return cls(code_or_text, params)
        return cls(OTHER, {"detail": code_or_text})

    @property
    def key(self) -> str:
        return f"ingest.reason.{self.code}"

    def text(self, lang: str, *, html: bool = False) -> str:
        """The reason in `lang`; `html` escapes the parameters for a Telegram message."""
        values = {name: escape(str(v), quote=False) if html else v for name, v in self.params.items()}
        return t(lang, self.key, **values)

    @property
    def reason(self) -> str:
        """In English, as plain text: for the CLI report and the logs."""
        return self.text("en")
