"""Русский каталог: три формы /onthisday и их подписи (вливается в ru.TEXTS)."""

TEXTS = {
    "onthisday.none_any_year": "В досье нет событий, случившихся {date} в какой-либо год. Ближайшие годовщины:",
    "onthisday.months_ago": ("{n} месяц назад", "{n} месяца назад", "{n} месяцев назад"),
    "onthisday.this_year": "в этом году",
    "onthisday.today": "сегодня",
    "onthisday.that_day": "в тот же день",
    "onthisday.years_earlier": ("на {n} год раньше", "на {n} года раньше", "на {n} лет раньше"),
    "onthisday.no_leap_day": (
        "{year} год не високосный, так что «{arg}» не было. "
        "<code>/onthisday 02-29</code> покажет события 29 февраля всех лет."
    ),
}
