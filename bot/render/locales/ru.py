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
    # --- channel and group admins: linking and access (issue 6) ---
    "cmd.channels": "Ваши подключённые каналы и группы",
    "cmd.link": "Подключить канал или группу",
    "kind.channel": "канал",
    "kind.group": "группа",
    "kind.supergroup": "группа",
    "schedules_n": ("{n} расписание", "{n} расписания", "{n} расписаний"),
    "channels.title": "<b>Ваши каналы и группы</b>",
    "channels.line": "{number}. <b>{title}</b> ({kind}{username})",
    "channels.cannot_post_mark": "⚠️ Сейчас я не могу там публиковать",
    "channels.footer": "Нажмите на чат, чтобы открыть его. В командах называйте чат номером, например <code>/schedule {number} digest daily 09:00</code>.",
    "channels.empty": (
        "У вас пока нет подключённых каналов и групп. Чтобы подключить:\n"
        "• добавьте меня администратором (в канале — с правом публиковать сообщения), или\n"
        "• отправьте <code>/link @channelname</code> или <code>/link -1001234567890</code>, или\n"
        "• перешлите мне любой пост из канала."
    ),
    "channels.private_only": "Список ваших каналов и групп я показываю только в личном чате: напишите /channels боту @{bot_username}.",
    "channels.card": (
        "<b>{title}</b>\n{kind}{username} · id <code>{chat_id}</code>\n"
        "Вы администратор этого чата, и я могу там публиковать (проверено в Telegram только что).\n"
        "{schedules}, на паузе: {paused}."
    ),
    "channels.next_steps": (
        "Дальше: <code>/schedule {number} digest daily 09:00</code> — ежедневный дайджест там; "
        "/schedules {number} — управлять расписаниями, /preview {number} — посмотреть следующий дайджест."
    ),
    "button.all_chats": "« Все чаты",
    "button.open_chat": "Открыть",
    "link.usage": (
        "Укажите канал или группу: <code>/link @channelname</code> или <code>/link -1001234567890</code>, "
        "или перешлите мне любой пост из канала. Сначала добавьте меня туда администратором с правом публиковать."
    ),
    "link.done": "Подключено: <b>{title}</b> ({kind}{username}). Вы управляете моими публикациями там.",
    "link.done_group": "Подключено: эта группа. Её администраторы управляют моими публикациями здесь из личного чата со мной: /channels.",
    "link.group_not_admin": "Это могут только администраторы этой группы.",
    "link.anonymous": (
        "Вы пишете анонимно от имени группы, и я не могу проверить, что вы администратор. "
        "Отправьте мне <code>/link</code> с id этой группы в личном чате."
    ),
    "link.forward_hint": "Чтобы подключить канал, перешлите мне пост из самого канала; это сообщение переслано от человека.",
    "access.no_chat": (
        "Не нахожу такой чат. Проверьте @имя или id (например, <code>/link @channelname</code>) "
        "или возьмите номер из /channels. Если чат закрытый, сначала добавьте меня туда."
    ),
    "access.bot_not_in_chat": (
        "Меня нет в этом чате. Сначала добавьте меня: в канал — администратором с правом публиковать "
        "сообщения, в группу — участником. Потом попробуйте снова."
    ),
    "access.bot_cannot_post": (
        "Я есть в этом чате, но не могу там публиковать. В канале сделайте меня администратором с правом "
        "«Публикация сообщений»; в группе разрешите мне писать. Потом попробуйте снова."
    ),
    "access.not_admin": "Вы не администратор этого чата, поэтому не можете управлять моими публикациями там.",
    "access.bad_ref": (
        "Это не похоже на чат. Примеры: <code>@channelname</code>, <code>-1001234567890</code> "
        "или номер из /channels."
    ),
    "access.unavailable": "Telegram сейчас не ответил, и я не смог проверить. Попробуйте через минуту.",
    "notice.added": "Меня добавили в <b>{title}</b> ({kind}{username}), и вы подключены как администратор этого чата.",
    "notice.can_post": "Теперь я могу публиковать в <b>{title}</b> ({kind}{username}), и вы подключены как администратор этого чата.",
    "notice.still_paused": "Там по-прежнему на паузе: {schedules}; возобновите их через /schedules.",
    "notice.removed": "Меня удалили из <b>{title}</b> ({kind}{username}).",
    "notice.demoted": "Я больше не могу публиковать в <b>{title}</b> ({kind}{username}).",
    "notice.paused": "Я поставил на паузу там {schedules}; когда я снова смогу публиковать, возобновите их через /schedules.",
    # --- end of channel and group admins ---
}

# Subscriptions, /settings and pushes live in their own catalog module.
from bot.render.locales.ru_pushes import TEXTS as _PUSH_TEXTS, WEEKDAYS, WEEKDAYS_SHORT  # noqa: E402,F401

TEXTS.update(_PUSH_TEXTS)
