"""English catalog: the dossier's topic cards (merged into en.TEXTS)."""

TEXTS: dict[str, str] = {
    "card.as_of": "As of {date}",
}
