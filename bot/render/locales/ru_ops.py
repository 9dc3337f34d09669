"""Русский каталог: расписания после возврата прав, слияние при переходе в супергруппу, отказы при загрузке (вливается в ru.TEXTS)."""

TEXTS: dict[str, str | tuple[str, ...]] = {
    "notice.resumed": (
        "Я снова могу публиковать в <b>{title}</b> ({kind}{username}) и возобновил {schedules}, "
        "поставленные на паузу, пока я не мог; следующие рассылки придут в обычное время."
    ),
    "notice.resumed_here": "Я возобновил {schedules}, поставленные на паузу, пока я не мог там публиковать.",
    "notice.paused_by_rights": "Я поставил на паузу там {schedules}; они возобновятся сами, когда я снова смогу публиковать.",
    "notice.migrated_clash": (
        "<b>{title}</b> стала супергруппой, где уже было расписание «{push}»{topic}. Я оставил то, что меняли "
        "последним ({kept}), и удалил другое ({dropped}). Проверьте через /schedules."
    ),
    "notice.migrated_topic": " в теме форума {thread}",
    # Why an input was turned away (codes of bot.ingest.refusals); plain text, no HTML.
    "ingest.reason.other": "{detail}",
    "ingest.reason.fetch_failed": "адрес не удалось загрузить",
    "ingest.reason.fetch_blocked": "этот адрес не разрешён (я загружаю только общедоступные сайты)",
    "ingest.reason.text_too_long": "текст слишком длинный ({length} символов; предел {limit})",
    "ingest.reason.db_refused": "не сохранено, база данных отказала: {detail}",
    "ingest.reason.unprocessable": "не удалось обработать ({detail})",
    "ingest.reason.unreadable": "не читается ({detail})",
    "ingest.reason.feed_invalid": "{detail}",
    "ingest.reason.feed_no_entry": "в ленте нет пригодной записи",
    "ingest.reason.feed_without_entries": "лента без записей",
    "ingest.reason.feed_entry_empty": "запись ленты без заголовка и текста",
    "ingest.reason.feed_entry_title_only": "у записи ленты «{title}» нет текста (только заголовок)",
    "ingest.reason.file_too_large": "файл слишком большой ({size}; предел {limit})",
    "ingest.reason.file_too_large_over": "файл слишком большой (больше {limit})",
    "ingest.reason.file_not_regular": "это не обычный файл",
    "ingest.reason.file_cannot_read": "файл не читается ({detail})",
    "ingest.reason.file_empty": "пустой файл",
    "ingest.reason.html_binary": "двоичные данные, а не HTML-страница (есть NUL-байты)",
    "ingest.reason.html_empty": "пустая HTML-страница",
    "ingest.reason.html_unreadable": "HTML-страница не читается ({detail})",
    "ingest.reason.html_no_text": "на HTML-странице не найден текст статьи",
    "ingest.reason.html_too_large": "страница слишком велика для чтения ({size} разметки без скриптов; предел — {limit})",
    "ingest.reason.no_text_furniture": "нет текста статьи: всё похоже на оформление страницы",
    "ingest.reason.too_short": "после очистки текст статьи слишком короткий ({length} символов, нужно {need})",
    "ingest.reason.text_binary_nul": "двоичные данные, а не текст (есть NUL-байты)",
    "ingest.reason.text_not_utf8": "текст не в UTF-8 (нечитаемый байт на позиции {offset})",
    "ingest.reason.text_empty": "пустой ввод: текста нет",
    "ingest.reason.text_binary_controls": "двоичные данные, а не текст ({count} управляющих символов)",
    "ingest.reason.date_malformed": "неверная дата «{value}» в строке даты (нужно ГГГГ-ММ-ДД)",
    "ingest.reason.date_impossible": "невозможная дата «{value}» в строке даты ({detail})",
    "ingest.reason.date_line_without_date": "строка даты без даты",
    "ingest.reason.no_text_after_date": "после строки даты нет текста",
}
