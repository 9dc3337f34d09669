"""Русский каталог: подписки, /settings и рассылки (вливается в ru.TEXTS)."""

WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")
WEEKDAYS_SHORT = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")

TEXTS: dict[str, str | tuple[str, ...]] = {
    "cmd.subscribe": "Подписаться на дайджесты и годовщины",
    "cmd.unsubscribe": "Отписаться (от всего или от тем)",
    "cmd.settings": "Что присылать, когда, часовой пояс, язык",
    "settings.title": "<b>Ваши рассылки</b>",
    "settings.topics": "Темы: {value}",
    "settings.digest": "Дайджест новых статей: {value}",
    "settings.onthisday": "В этот день: {value}",
    "settings.tz": "Часовой пояс: {value}",
    "settings.lang": "Язык: {value}",
    "settings.off": "выключено",
    "settings.daily_at": "ежедневно в {time}",
    "settings.weekly_at": "раз в неделю, {day}, в {time}",
    "settings.not_subscribed": "нет подписки",
    "settings.all_topics": "всё досье",
    "settings.next": "Следующая рассылка: {what}, {when} ({tz}).",
    "settings.next_none_unsubscribed": "Вы не подписаны, поэтому я ничего не присылаю. Отправьте /subscribe.",
    "settings.next_none_off": "Обе рассылки выключены, поэтому я ничего не присылаю.",
    "settings.kind_digest": "дайджест",
    "settings.kind_onthisday": "«в этот день»",
    "settings.hint": (
        "Меняйте кнопками или одной строкой: <code>/settings digest weekly</code>, "
        "<code>/settings day пн</code>, <code>/settings time 08:30</code>, "
        "<code>/settings tz Europe/Berlin</code>, <code>/settings onthisday off</code>, "
        "<code>/settings topics charter,tripp</code>, <code>/settings lang en</code>."
    ),
    "settings.button_digest": "Дайджест",
    "settings.button_day": "День",
    "settings.button_time": "Время",
    "settings.button_tz": "Часовой пояс",
    "settings.button_topics": "Темы",
    "settings.button_onthisday_off": "«В этот день»: выключить",
    "settings.button_onthisday_on": "«В этот день»: включить",
    "settings.button_back": "« Назад",
    "settings.button_all_topics": "Всё досье",
    "settings.freq_daily": "Ежедневно",
    "settings.freq_weekly": "Раз в неделю",
    "settings.freq_off": "Выключить",
    "settings.choose_digest": "Как часто присылать дайджест новых статей?",
    "settings.choose_day": "В какой день присылать недельный дайджест?",
    "settings.choose_time": (
        "В какое время присылать? Другое время — например, <code>/settings time 08:30</code>; "
        "<code>/settings time digest 08:30</code> меняет только одну рассылку."
    ),
    "settings.choose_tz": "Ваш часовой пояс? Любой другой: например, <code>/settings tz Asia/Tbilisi</code>.",
    "settings.choose_topics": "Нажмите на тему, чтобы добавить или убрать её.",
    "settings.changed_digest": "✅ Дайджест: {value}.",
    "settings.changed_time": "✅ Дайджест: {digest}; «в этот день»: {onthisday}.",
    "settings.changed_onthisday": "✅ «В этот день»: {value}.",
    "settings.changed_tz": "✅ Часовой пояс: {value}.",
    "settings.changed_lang": "✅ Язык: {value}.",
    "settings.changed_topics": "✅ Темы: {value}.",
    "settings.private_only": (
        "Подписка и её настройки — в личном чате со мной. "
        "В группах и каналах рассылки назначают администраторы командой /schedule."
    ),
    "settings.bad_field": (
        "«{arg}» — не настройка. Настройки: digest, day, time, tz, onthisday, topics, lang; "
        "например, <code>/settings time 08:30</code>."
    ),
    "settings.bad_time": "«{arg}» — не время суток. Формат ЧЧ:ММ, например <code>/settings time 08:30</code>.",
    "settings.bad_topics": (
        "Темы «{arg}» нет. Список — /topics; например, <code>/subscribe charter</code> "
        "или <code>/settings topics charter,tripp</code> (или <code>all</code>)."
    ),
    "settings.bad_tz": "Часового пояса «{arg}» я не знаю. Нужно имя IANA, например <code>/settings tz Europe/Moscow</code>.",
    "settings.tz_suggestions": "Возможно, вы имели в виду: {names}?",
    "settings.usage_digest": "Выберите daily, weekly или off: <code>/settings digest weekly</code>.",
    "settings.usage_day": "Выберите день, пн–вс (или mon–sun): <code>/settings day пн</code>.",
    "settings.usage_time": "Укажите одно время: <code>/settings time 08:30</code>.",
    "settings.usage_tz": "Укажите один часовой пояс: <code>/settings tz Europe/Moscow</code>.",
    "settings.usage_onthisday": "Выберите on или off: <code>/settings onthisday off</code>.",
    "settings.usage_topics": "Укажите темы или all: <code>/settings topics charter,tripp</code>.",
    "settings.usage_lang": "Выберите ru или en: <code>/settings lang en</code>.",
    "digest.title": "<b>Дайджест, {date}</b>",
    "digest.articles": ("{n} новая статья", "{n} новые статьи", "{n} новых статей"),
    "digest.more": ("…и ещё {n} статья.", "…и ещё {n} статьи.", "…и ещё {n} статей."),
    "digest.button_more": "Показать ещё",
    "digest.general": "Досье в целом",
    "digest.new_events": "<b>Новое в досье</b>",
    "digest.more_events": ("…и ещё {n} событие", "…и ещё {n} события", "…и ещё {n} событий"),
    "digest.timeline_hint": "Подробнее — в /timeline.",
    "digest.page_title": "<b>Дайджест, продолжение</b> (страница {page} из {pages})",
    "digest.page_empty": "Этих статей больше нет.",
    "digest.start_bot_first": "Сначала откройте чат с @{bot}, затем нажмите снова: я пришлю продолжение туда.",
    "digest.sent_privately": "Отправил вам в личный чат.",
    "onthisday.push_title": "<b>В этот день, {date}</b>",
    "cmd.schedule": "Рассылка в ваш канал или группу",
    "cmd.schedules": "Расписания ваших чатов: пауза, время, удаление",
    "cmd.preview": "Предпросмотр следующего дайджеста чата",
    "schedule.usage": (
        "Укажите, что назначить, например <code>/schedule 1 digest daily 09:00</code> или "
        "<code>/schedule @channel onthisday weekly пн 08:00 Europe/Moscow charter,tripp ru</code> "
        "(чат — @имя, id или номер из /channels; внутри группы просто "
        "<code>/schedule digest daily 09:00</code>)."
    ),
    "schedule.bad_word": (
        "Не понял «{arg}». Пример: <code>/schedule 1 digest weekly пн 09:00 Europe/Moscow "
        "charter,tripp ru</code>: вид, daily или weekly, день, время, часовой пояс, темы (или all), язык."
    ),
    "schedule.twice": "«{arg}» повторяет уже указанное. Пример: <code>/schedule 1 digest daily 09:00</code>.",
    "schedule.day_needs_weekly": "День указывают с weekly, например <code>/schedule 1 digest weekly пт 09:00</code>.",
    "schedule.no_topics": "Темы форума бывают только в супергруппах с темами; для этого чата уберите thread.",
    "schedule.kind_digest": "Дайджест",
    "schedule.kind_onthisday": "В этот день",
    "schedule.line": "<b>{kind}</b> · {timing} ({tz}) · {topics} · {language}",
    "schedule.thread": " · тема форума {thread}",
    "schedule.paused": "⏸ на паузе",
    "schedule.next": "следующая: {when}",
    "schedule.created": "✅ Назначено для <b>{title}</b> ({kind}{username}):",
    "schedule.updated": "✅ Расписание для <b>{title}</b> ({kind}{username}) обновлено:",
    "schedule.button_all": "Все расписания этого чата",
    "schedule.list_title": "<b>Расписания: {title}</b> ({kind}{username})",
    "schedule.none": "Расписаний пока нет. Добавьте: <code>/schedule {chat_id} digest daily 09:00</code>.",
    "schedule.button_pause": "Пауза",
    "schedule.button_resume": "Возобновить",
    "schedule.button_time": "Время",
    "schedule.button_delete": "Удалить",
    "schedule.button_preview": "Предпросмотр",
    "schedule.button_confirm_delete": "Да, удалить",
    "schedule.choose_time": "Новое время для этого расписания? Другое время — повторите <code>/schedule</code> с ним.",
    "schedule.confirm_delete": "Удалить это расписание?",
    "schedule.gone": "Этого расписания больше нет.",
    "schedule.paused_done": "⏸ На паузе.",
    "schedule.resumed_done": "▶️ Возобновлено; следующая рассылка — в обычное время.",
    "schedule.time_done": "✅ Теперь время — {time}.",
    "schedule.deleted": "🗑 Удалено.",
    "preview.usage": "Для какого чата? Например, <code>/preview 1</code> (номер из /channels) или <code>/preview @channel</code>.",
    "preview.head_digest": "👁 Предпросмотр: следующий дайджест для <b>{title}</b> — ровно так, как он там появится.",
    "preview.head_onthisday": "👁 Предпросмотр: следующий пост «в этот день» для <b>{title}</b> — ровно так, как он там появится.",
    "preview.nothing_digest": "С прошлого дайджеста ничего нового: сейчас дайджест не был бы отправлен.",
    "preview.nothing_onthisday": "В этот день годовщин в досье нет, поэтому ничего не было бы отправлено.",
    "cmd.announce": "Объявление всем подписчикам",
    "announce.usage": (
        "Напишите текст объявления после команды, например <code>/announce В досье добавлены переговоры "
        "2026 года.</code>; <code>/announce #charter …</code> — только подписчикам одной темы. "
        "Или ответьте <code>/announce</code> на сообщение с текстом."
    ),
    "announce.bad_topic": "Темы «{topic}» нет. Темы: {topics}. Пример: <code>/announce #charter …</code>",
    "announce.too_long": "В тексте {n} символов; в объявлении их может быть не больше {max}.",
    "announce.heading": "📣 <b>Объявление</b>",
    "announce.confirm": "Выше — объявление так, как его увидят подписчики. Получателей: {n} активных подписчиков. Отправить?",
    "announce.confirm_topic": (
        "Выше — объявление так, как его увидят подписчики. Получателей: {n} активных подписчиков темы "
        "«{topic}». Отправить?"
    ),
    "announce.button_send": "Отправить ({n})",
    "announce.button_cancel": "Отмена",
    "announce.cancelled": "Отменено: ничего не отправлено.",
    "announce.queued": "Отправляю {n} подписчикам…",
    "announce.progress": "Отправка: доставлено {sent} из {total} (заблокировали бота: {blocked}, ошибки: {failed}).",
    "announce.done": "Готово: доставлено {sent} из {total}; заблокировали бота: {blocked}; ошибки: {failed}.",
}
