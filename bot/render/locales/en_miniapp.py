"""English catalog: the Mini App, digest pages and the buttons that open them (merged into en.TEXTS)."""

TEXTS: dict[str, str | tuple[str, ...]] = {
    "miniapp.menu_button": "Open",
    "miniapp.button_open": "Open",
    "miniapp.button_open_event": "Open on the web",
    "digest.button_read_all": "Read all",
    "miniapp.unauthorized": "Open this page from the bot in Telegram: the sign-in it carries is missing or has expired.",
    "miniapp.bad_form": "The form sent something I do not understand (“{value}”). Reload the page and try again.",
    "miniapp.bad_topics": "“{value}” is not a topic of the dossier.",
    "miniapp.bad_digest": "Choose daily, weekly or off for the digest.",
    "miniapp.bad_day": "Choose a day of the week for the weekly digest.",
    "miniapp.bad_time": "“{value}” is not a time of day. Use HH:MM, for example 08:30.",
    "miniapp.bad_tz": "“{value}” is not a time zone I know. Pick one from the list or type an IANA name such as Europe/Berlin.",
    "miniapp.bad_onthisday": "Turn “on this day” on or off.",
    "miniapp.bad_lang": "Choose Русский or English.",
}
