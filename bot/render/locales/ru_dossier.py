"""Russian catalog: the dossier's topic cards (merged into ru.TEXTS)."""

TEXTS: dict[str, str] = {
    "card.as_of": "По состоянию на {date}",
}
