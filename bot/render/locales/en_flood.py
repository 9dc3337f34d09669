"""English catalog: answers to a reader sending faster than the bot answers (merged into en.TEXTS)."""

TEXTS: dict[str, str | tuple[str, ...]] = {
    "flood.wait": "Too many requests at once. Please wait a few seconds and try again.",
    "flood.wait_short": "Too many requests: please wait a few seconds.",
}
