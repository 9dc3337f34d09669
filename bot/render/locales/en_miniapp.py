"""English catalog: the Mini App, digest pages and the buttons that open them (merged into en.TEXTS)."""

TEXTS: dict[str, str | tuple[str, ...]] = {
    "miniapp.menu_button": "Open",
    "miniapp.button_open": "Open",
    "miniapp.button_open_event": "Open on the web",
    "digest.button_read_all": "Read all",
}
