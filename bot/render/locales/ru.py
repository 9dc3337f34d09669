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
        "/onthisday — что было в сегодняшний день в прошлые годы (если ничего — ближайшие годовщины)\n"
        "<code>/onthisday 02-10</code> — этот день календаря во все годы по сегодня, в этом году тоже, если он уже прошёл\n"
        "<code>/onthisday 2026-02-10</code> — сначала события этой даты, потом тот же день в прежние годы\n"
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
    "search.left_out": ("<i>Ещё {n} результат не поместился в сообщение; уточните запрос.</i>",
                        "<i>Ещё {n} результата не поместились в сообщение; уточните запрос.</i>",
                        "<i>Ещё {n} результатов не поместились в сообщение; уточните запрос.</i>"),
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
    # --- end of channel and group admins ---

    # --- maintainers (issue 7): commands, forms, edits, audit, stats, feeds, articles ---
    "cmd.addevent": "Добавить запись в хронологию",
    "cmd.editevent": "Изменить запись: /editevent id",
    "cmd.delevent": "Скрыть запись: /delevent id",
    "cmd.undo": "Отменить моё последнее изменение",
    "cmd.editcard": "Изменить карточку темы: /editcard тема",
    "cmd.addtopic": "Добавить тему с ключевыми словами",
    "cmd.addarticle": "Загрузить статью по ссылке или тексту",
    "cmd.feeds": "Ленты: состояние, пауза, добавление",
    "cmd.stats": "Статистика и здоровье бота",
    "cmd.audit": "Последние изменения: /audit n",
    "cmd.cancel": "Выйти из заполняемой формы",
    "cmd.maintainers": "Редакторы: список, добавить, убрать",
    "maint.denied": "Эта команда — для редакторов.",
    "maint.owners_only": "Назначать и снимать редакторов могут только владельцы бота.",
    "maint.private_only": (
        "Формы работают в личном чате со мной. Здесь используйте однострочную форму, например "
        "<code>/addevent 2026-03-01 | Заголовок | Описание | charter | https://example.org/news</code>."
    ),
    "maint.access.usage": (
        "Примеры: <code>/maintainers</code> (список), <code>/maintainers add 123456789</code>, "
        "<code>/maintainers remove 123456789</code> или <code>/maintainers add</code> в ответ на сообщение "
        "этого человека (подойдёт и пересланное)."
    ),
    "maint.access.hidden": (
        "{name} скрывает аккаунт в пересылках, и я не вижу его id. "
        "Узнайте id и отправьте <code>/maintainers add ID</code>."
    ),
    "maint.access.already_owner": "{id} уже владелец.",
    "maint.access.already_maintainer": "{id} уже редактор.",
    "maint.access.owner_not_revocable": "{id} — владелец (BOT_OWNERS); владельцы задаются в настройках.",
    "maint.access.not_maintainer": "{id} не редактор.",
    "maint.access.granted": (
        "Готово: {who} теперь редактор; команды редактора появятся в его меню "
        "(когда он откроет чат со мной)."
    ),
    "maint.access.revoked": "Готово: {who} больше не редактор.",
    "maint.list.title": "<b>Редакторы</b>",
    "maint.list.owners": "Владельцы: {ids}",
    "maint.list.line": "• {who}, добавил {by}, {at}",
    "maint.list.none": "Редакторов пока нет.",
    "maint.list.usage": "Добавить: <code>/maintainers add USER_ID</code>; убрать: <code>/maintainers remove USER_ID</code>.",
    "maint.form.start_addevent": "<b>Новая запись в хронологии.</b> /cancel — выйти на любом шаге.",
    "maint.form.start_addtopic": "<b>Новая тема.</b> /cancel — выйти на любом шаге.",
    "maint.form.timed_out": (
        "Форма закрыта: 30 минут без ответа; ничего не сохранено. "
        "Начните заново: /addevent или /addtopic."
    ),
    "maint.form.cancelled": "Отменено; ничего не сохранено.",
    "maint.form.nothing_to_cancel": "Нет заполняемой формы, отменять нечего.",
    "maint.ask.date": "Пришлите дату: <code>2026-03-01</code>, <code>2026-03</code> (месяц) или <code>2026</code> (год).",
    "maint.ask.languages": "На каких языках будете писать? Запись на одном языке помечается для перевода.",
    "maint.languages.both": "Русский и английский",
    "maint.languages.ru": "Только русский",
    "maint.languages.en": "Только английский",
    "maint.ask.title": "Пришлите заголовок {language} (до 200 символов).",
    "maint.ask.summary": "Пришлите описание {language} (до 2000 символов).",
    "maint.ask.topics": "Выберите темы (можно ни одной) и нажмите «Готово». Или напишите: <code>charter, tripp</code>.",
    "maint.ask.edit_topics": "Темы записи #{id}: отметьте нужные и нажмите «Готово», чтобы сохранить.",
    "maint.ask.sources": (
        "Пришлите источники, по одному в строке: <code>URL | издание | заголовок</code> "
        "(издание и заголовок — по желанию), например <code>https://apa.az/news/1 | APA | Вэнс в Баку</code>."
    ),
    "maint.ask.more_sources": "Источники:\n{sources}\n\nПришлите ещё или нажмите «Готово».",
    "maint.ask.slug": (
        "Пришлите короткое имя темы — оно станет командой: строчные латинские буквы и цифры, "
        "2–32 символа, например <code>energy</code>."
    ),
    "maint.ask.name": "Пришлите название темы {language}.",
    "maint.ask.tagline": "Пришлите описание темы в одну строку {language}.",
    "maint.ask.keywords": (
        "Пришлите ключевые слова, по которым статьи относятся к теме, через запятую, на любом языке, "
        "например <code>energy, gas, газ, нефть</code>."
    ),
    "maint.ask.value": "<b>{field}</b> — {ref}: пришлите новое значение. Сейчас:\n<code>{current}</code>\n\n/cancel — оставить как есть.",
    "maint.in.ru": "По-русски",
    "maint.in.en": "По-английски",
    "maint.in_lang.ru": "на русском",
    "maint.in_lang.en": "на английском",
    "maint.untranslated": "(ждёт перевода: копия другого языка)",
    "maint.button.done": "Готово",
    "maint.button.confirm": "Подтвердить",
    "maint.button.cancel": "Отменить",
    "maint.button.pause": "Пауза #{id}",
    "maint.button.resume": "Возобновить #{id}",
    "maint.button.remove": "Удалить #{id}",
    "maint.preview.event": "<b>Предпросмотр</b>: так запись увидят читатели. Подтвердите, чтобы опубликовать.",
    "maint.preview.topic": "<b>Предпросмотр</b> новой темы. Подтвердите, чтобы создать.",
    "maint.field.date": "Дата",
    "maint.field.title_ru": "Заголовок (ru)",
    "maint.field.title_en": "Заголовок (en)",
    "maint.field.summary_ru": "Описание (ru)",
    "maint.field.summary_en": "Описание (en)",
    "maint.field.topics": "Темы",
    "maint.field.sources": "Источники",
    "maint.field.name_ru": "Название (ru)",
    "maint.field.name_en": "Название (en)",
    "maint.field.tagline_ru": "Подзаголовок (ru)",
    "maint.field.tagline_en": "Подзаголовок (en)",
    "maint.field.card_ru": "Карточка (ru)",
    "maint.field.card_en": "Карточка (en)",
    "maint.field.keywords": "Ключевые слова",
    "maint.what.title": "Заголовок",
    "maint.what.summary": "Описание",
    "maint.what.name": "Название",
    "maint.what.tagline": "Подзаголовок",
    "maint.what.card": "Карточка",
    "maint.what.keywords": "Список ключевых слов",
    "maint.what.outlet": "Издание",
    "maint.what.source_title": "Заголовок источника",
    "maint.invalid.date_format": (
        "«{value}» — не дата. Пришлите <code>2026-03-01</code>, <code>2026-03</code> или <code>2026</code>."
    ),
    "maint.invalid.date_range": "«{value}» вне диапазона: годы {low}–{high}. Например: <code>2026-03-01</code>.",
    "maint.invalid.date_impossible": "Даты «{value}» нет в календаре. Например: <code>2026-02-28</code>.",
    "maint.invalid.empty": "{field} не может быть пустым. Пришлите текст.",
    "maint.invalid.too_long": "{field} слишком длинный: {length} символов, можно не больше {limit}. Сократите, пожалуйста.",
    "maint.invalid.unknown_topics": "Неизвестные темы: {topics}. Темы: {known}.",
    "maint.invalid.url": (
        "«{value}» — не веб-адрес. Пришлите полный, например <code>https://apa.az/news/1</code>."
    ),
    "maint.invalid.source_format": "«{value}»: источник — это <code>URL | издание | заголовок</code>.",
    "maint.invalid.no_sources": "У записи должен быть хотя бы один источник: пришлите <code>URL | издание | заголовок</code>.",
    "maint.invalid.too_many_sources": "Не больше {limit} источников на запись.",
    "maint.invalid.slug": (
        "«{value}» не годится как команда темы: 2–32 строчные латинские буквы и цифры, "
        "первой — буква, например <code>energy</code>."
    ),
    "maint.invalid.slug_taken": "/{value} уже занято (тема или команда). Выберите другое имя.",
    "maint.invalid.too_many_keywords": "Не больше {limit} ключевых слов, пожалуйста.",
    "maint.invalid.keyword": "В «{value}» нет слов для поиска (только самые частые). Возьмите более конкретное.",
    "maint.invalid.languages": "Нажмите одну из кнопок или пришлите <code>both</code>, <code>ru</code> или <code>en</code>.",
    "maint.invalid.use_buttons": "Пожалуйста, воспользуйтесь кнопками выше или /cancel.",
    "maint.invalid.event_line": (
        "Однострочная форма: <code>/addevent 2026-03-01 | Заголовок | Описание | charter,tripp | https://example.org/news</code>. "
        "Вместо тем можно <code>-</code>; /addevent без аргументов открывает пошаговую форму."
    ),
    "maint.invalid.topic_line": (
        "Однострочная форма: <code>/addtopic energy | Энергетика | Energy | energy, gas, газ</code>; "
        "/addtopic без аргументов открывает пошаговую форму."
    ),
    "maint.event.state": "<b>Запись #{id}</b> · версия {version} · {origin} · <code>{slug}</code>",
    "maint.origin.seed": "из файлов досье",
    "maint.origin.maintainer": "ведут редакторы (загрузка досье её не перезапишет)",
    "maint.event.hidden": "<b>Скрыта</b> от читателей (/undo вернёт, если скрыли её последней).",
    "maint.event.added": "Добавлена запись #{id}. /editevent {id} — изменить, /undo — отменить.",
    "maint.event.not_found": "Записи #{ref} нет. Номера есть в /audit и в ответах /editevent.",
    "maint.event.already_hidden": "Запись #{id} уже скрыта.",
    "maint.event.hidden_done": "Запись #{id} скрыта от читателей, поиска и дайджестов. /undo вернёт её.",
    "maint.topic.state": "<b>Тема /{slug}</b> · версия {version}",
    "maint.topic.hidden": "<b>Скрыта</b> от читателей.",
    "maint.topic.not_found": "Темы «{ref}» нет. Например: <code>/editcard charter</code>.",
    "maint.topic.added": "Тема /{slug} добавлена и уже есть в меню. Напишите её карточку: <code>/editcard {slug}</code>.",
    "maint.editevent.usage": (
        "Примеры: <code>/editevent 12</code> (запись с кнопкой для каждого поля), "
        "<code>/editevent 12 title_ru Новый заголовок</code>."
    ),
    "maint.fields": "Поля «{field}» нет. Поля: {fields}.",
    "maint.delevent.usage": "Например: <code>/delevent 12</code> скрывает запись #12 (/undo вернёт её).",
    "maint.editcard.usage": "Например: <code>/editcard charter</code>. Темы: {topics}.",
    "maint.conflict": (
        "<b>Не сохранено</b>: пока вы редактировали, это изменил кто-то другой (вы видели версию {seen}, "
        "сейчас версия {current}). Вот как это выглядит теперь; попробуйте снова отсюда."
    ),
    "maint.saved": "Сохранено: {field}.",
    "maint.undo.nothing": "Отменять больше нечего.",
    "maint.undo.gone": "Последнее изменение не отменить: того, что оно меняло, уже нет.",
    "maint.undo.changed": (
        "Последнее изменение не отменить: эту запись с тех пор изменили (сейчас версия {version}). "
        "Посмотрите её через /editevent или /editcard."
    ),
    "maint.undo.exists": "Последнее изменение не отменить: пришлось бы заново создать то, что снова существует.",
    "maint.undo.done": "Отменено: {action} — {entity} {ref} (аудит #{id}). Ещё /undo — на шаг дальше назад.",
    "maint.audit.empty": "Изменений пока нет.",
    "maint.audit.title": "<b>Последние изменения: {n}</b>",
    "maint.audit.cli": "командная строка",
    "maint.audit.line": "#{id} · {at} · {who}\n<b>{action}</b> {entity} {ref}",
    "maint.audit.usage": "Например: <code>/audit</code> или <code>/audit 20</code> (не больше {max}).",
    "maint.stats": (
        "<b>Статистика</b>\n"
        "Чаты по типам: {by_type}\n"
        "По языкам: {by_language}\n"
        "Неактивные (заблокировали, удалили): {inactive}\n"
        "Активные подписчики: {subscribers}\n"
        "Подписки по темам: {subscriptions}\n"
        "Доставки за 24 часа: {deliveries}\n"
        "Очередь отправки: {outbox}\n"
        "Ленты: {feeds} (активных {active}, на паузе {paused}, с ошибками {failing}), материалов {items}, "
        "последний успех {last_success}\n"
        "Записей в хронологии: {events}; статей: {articles}\n"
        "Размер базы: {size}"
    ),
    "maint.delivery.pending": "в очереди",
    "maint.delivery.sending": "отправляются",
    "maint.delivery.sent": "отправлено",
    "maint.delivery.failed": "не доставлено",
    "maint.delivery.uncertain": "неизвестно",
    "maint.delivery.skipped": "пропущено",
    "maint.stats.whole": "всё досье",
    "maint.feeds.empty": "Лент пока нет. Добавьте: <code>/feeds add https://example.org/rss</code>.",
    "maint.feeds.title": "<b>Ленты</b>",
    "maint.feeds.line": "#{id} · {status} · {url}\n{title}\nматериалов: {items}; последний успех: {success}",
    "maint.feeds.status.active": "активна",
    "maint.feeds.status.paused": "на паузе",
    "maint.feeds.error": "последняя ошибка ({failures} подряд): {error}",
    "maint.feeds.usage": "Примеры: <code>/feeds</code> (список), <code>/feeds add https://example.org/rss</code>.",
    "maint.feeds.exists": "{url} уже в списке: см. /feeds.",
    "maint.feeds.check_failed": "{url} не получается читать как ленту: {reason}. Ничего не сохранено.",
    "maint.feeds.added": "Добавлена {url} ({title}, сейчас записей: {entries}). Опрос каждые 15 минут, первый — в течение минуты.",
    "maint.feeds.done.pause": "Лента #{id} на паузе.",
    "maint.feeds.done.resume": "Лента #{id} снова опрашивается.",
    "maint.feeds.done.remove": "Лента #{id} удалена; её статьи остаются.",
    "maint.article.usage": (
        "Примеры: <code>/addarticle https://apa.az/news/1</code> или <code>/addarticle</code> в ответ "
        "на пересланный пост или вставленный текст."
    ),
    "maint.article.no_text": "В этом сообщении нет текста. Ответьте на пересланный пост или вставленный текст.",
    "maint.article.rejected": "Не сохранено: {reason}.",
    "maint.article.new": "Сохранена как новая статья (#{id}).",
    "maint.article.updated": "Сохранённая статья #{id} обновлена этой версией.",
    "maint.article.duplicate": "Дубликат #{id} «{original}»; повторно не сохранена.",
    "maint.article.result": "{status}\n<b>{title}</b>\nДата: {date}\nТемы: {topics}\n{relevant}",
    "maint.article.date_guessed": "(дата не найдена: сегодняшняя)",
    "maint.article.relevant": "Относится к досье: может попасть в дайджесты.",
    "maint.article.irrelevant": "Не о досье: ищется, но не рассылается.",
}

# Subscriptions, /settings and pushes live in their own catalog module.
from bot.render.locales.ru_pushes import TEXTS as _PUSH_TEXTS, WEEKDAYS, WEEKDAYS_SHORT  # noqa: E402,F401

TEXTS.update(_PUSH_TEXTS)

# The catalogs of later areas, one module each (bot/render/locales/ru_<area>.py), listed in AREAS.
from bot.render.locales import AREAS  # noqa: E402
from importlib import import_module  # noqa: E402

for _area in AREAS:
    TEXTS.update(import_module(f"bot.render.locales.ru_{_area}").TEXTS)
