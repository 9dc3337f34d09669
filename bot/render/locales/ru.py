"""Русский каталог. Значения — шаблоны str.format; кортежи — формы множественного числа (1, 2–4, 5+)."""

MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря")
MONTHS_STANDALONE = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
                     "октябрь", "ноябрь", "декабрь")

TEXTS: dict[str, str | tuple[str, ...]] = {
    "start": (
        "Здравствуйте, {name}! Я держу вас в курсе досье <b>{dossier}</b>.\n\n"
        "• /timeline — все контакты и вехи, сначала новые\n"
        "• /topics — карточки тем: {topic_commands}\n"
        "• /onthisday, /search, /latest — годовщины, поиск, свежие статьи\n\n"
        "/help — все команды; /lang en — по-английски."
    ),
    "help": (
        "<b>Что я умею</b>\n"
        "/timeline — хронология, сначала новое. Уточнить: <code>/timeline 2025</code>, "
        "<code>/timeline 2025-08</code>, <code>/timeline charter</code>, <code>/timeline charter 2026</code>\n"
        "/timeline chart — график событий по месяцам и темам\n"
        "/topics — все темы; /topic &lt;имя&gt; открывает одну\n"
        "{topic_lines}\n"
        "/onthisday — что было в этот день в прошлые годы; <code>/onthisday 02-10</code> — другой день\n"
        "/search &lt;слова&gt; — поиск по событиям и статьям, например <code>/search поправка 907</code>\n"
        "/latest — свежие статьи\n"
        "/subscribe — дайджесты новых статей и годовщины, которые я пришлю сам; "
        "<code>/subscribe charter</code> — одна тема; /unsubscribe — отписаться\n"
        "/settings — что и когда присылать, часовой пояс и язык\n"
        "/lang ru|en — язык\n\n"
        "В любом чате наберите <code>@{bot_username} хартия</code>, чтобы поделиться событием."
    ),
    "cmd.start": "Начало и краткий обзор",
    "cmd.help": "Что умеет бот",
    "cmd.timeline": "Хронология, сначала новое",
    "cmd.topics": "Все темы",
    "cmd.topic": "Открыть тему по имени",
    "cmd.onthisday": "Этот день в прошлые годы",
    "cmd.search": "Поиск по событиям и статьям",
    "cmd.latest": "Свежие статьи",
    "cmd.lang": "Язык: ru или en",
    "lang.changed": "Готово: здесь я буду говорить по-русски.",
    "lang.usage": "Выберите язык: <code>/lang ru</code> или <code>/lang en</code>.",
    "timeline.title": "<b>Хронология</b>",
    "timeline.filter_topic": "тема: {topic}",
    "timeline.filter_period": "период: {period}",
    "timeline.page": "Страница {page} из {pages} · событий: {total}",
    "timeline.empty": "Подходящих событий нет. Попробуйте <code>/timeline</code> без уточнений.",
    "timeline.usage": (
        "Не понял «{arg}». Примеры: <code>/timeline 2025</code>, <code>/timeline 2025-08</code>, "
        "<code>/timeline charter</code>, <code>/timeline charter 2025-08</code>."
    ),
    "button.newer": "« Новее",
    "button.older": "Старше »",
    "button.all_topics": "Все темы",
    "button.timeline": "Хронология",
    "button.latest": "Свежие статьи",
    "sources": "Источники",
    "key_dates": "Ключевые даты",
    "topics.title": "<b>Темы</b>",
    "topics.line": "/{slug} — {name}: {tagline}",
    "topic.unknown": "Темы «{slug}» нет. Темы: {topics}.",
    "topic.usage": "Укажите тему, например <code>/topic {example}</code>. Темы: {topics}.",
    "onthisday.title": "<b>В этот день, {date}</b>",
    "onthisday.none": "В досье нет событий, случившихся {date} в прошлые годы. Ближайшие годовщины:",
    "onthisday.empty": "В досье пока нет годовщин.",
    "onthisday.more": "…и ещё {n}: см. /timeline.",
    "onthisday.on": "<b>{date}</b>",
    "onthisday.usage": (
        "«{arg}» — не дата календаря. Примеры: <code>/onthisday</code> (сегодня), "
        "<code>/onthisday 02-10</code>, <code>/onthisday 2026-02-10</code>."
    ),
    "years_ago": ("{n} год назад", "{n} года назад", "{n} лет назад"),
    "in_years": ("{n} год", "{n} года", "{n} лет"),
    "search.usage": "Что найти? Например: <code>/search поправка 907</code>.",
    "search.too_long": "Слишком длинный запрос ({length} символов). Хватит нескольких слов, например <code>/search хартия</code>.",
    "search.stopwords": "В запросе «{query}» только служебные слова. Уточните, например <code>/search хартия</code>.",
    "search.none": "По запросу «{query}» ничего не нашлось. Попробуйте другие слова или меньше слов.",
    "search.title": "<b>Поиск: {query}</b>",
    "search.events": "<b>Хронология</b>",
    "search.articles": "<b>Статьи</b>",
    "latest.title": "<b>Свежие статьи</b>",
    "latest.title_topic": "<b>Свежие статьи: {topic}</b>",
    "latest.empty": "Статей пока нет.",
    "latest.page": "Страница {page} из {pages}",
    "chart.caption": "События по месяцам и темам, {start} – {end}. Вехи: {milestones}.",
    "chart.empty": "Пока нет событий с датами для графика.",
    "unknown_command": "Команды {command} нет. /help — список команд.",
    "not_a_command": "Я отвечаю на команды, их список — /help. Для поиска отправьте <code>/search {example}</code>.",
    "error": "Простите, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.",
    "stale_button": "Эта кнопка устарела; отправьте команду ещё раз.",
    "inline.no_results": "Ничего не найдено",
    "inline.hint": "Введите слова для поиска по хронологии",
    "topic.general": "Общее",
}

# Subscriptions, /settings and pushes live in their own catalog module.
from bot.render.locales.ru_pushes import TEXTS as _PUSH_TEXTS, WEEKDAYS, WEEKDAYS_SHORT  # noqa: E402,F401

TEXTS.update(_PUSH_TEXTS)
