"""Русский каталог: мини-приложение, страницы дайджестов и кнопки, что их открывают (в ru.TEXTS)."""

TEXTS: dict[str, str | tuple[str, ...]] = {
    "miniapp.menu_button": "Открыть",
    "miniapp.button_open": "Открыть",
    "miniapp.button_open_event": "Открыть на сайте",
    "digest.button_read_all": "Читать всё",
    "miniapp.unauthorized": "Откройте эту страницу из бота в Telegram: подписи входа нет или она устарела.",
    "miniapp.bad_form": "Форма прислала непонятное («{value}»). Обновите страницу и попробуйте ещё раз.",
    "miniapp.bad_topics": "«{value}» — не тема досье.",
    "miniapp.bad_digest": "Выберите для дайджеста: ежедневно, еженедельно или выключен.",
    "miniapp.bad_day": "Выберите день недели для еженедельного дайджеста.",
    "miniapp.bad_time": "«{value}» — не время суток. Пишите ЧЧ:ММ, например 08:30.",
    "miniapp.bad_tz": "Часовой пояс «{value}» мне неизвестен. Выберите из списка или введите имя IANA, например Europe/Berlin.",
    "miniapp.bad_onthisday": "Включите или выключите «В этот день».",
    "miniapp.bad_lang": "Выберите Русский или English.",
}
