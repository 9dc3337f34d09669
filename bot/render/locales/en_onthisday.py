"""English catalog: /onthisday's three forms and their labels (merged into en.TEXTS)."""

TEXTS = {
    "onthisday.none_any_year": "Nothing in the dossier happened on {date} in any year so far. The nearest anniversaries ahead:",
    "onthisday.months_ago": ("{n} month ago", "{n} months ago"),
    "onthisday.this_year": "this year",
    "onthisday.today": "today",
    "onthisday.that_day": "that day",
    "onthisday.years_earlier": ("{n} year earlier", "{n} years earlier"),
    "onthisday.no_leap_day": (
        "{year} was not a leap year, so “{arg}” never happened. "
        "<code>/onthisday 02-29</code> lists the leap-day events of every year."
    ),
}
