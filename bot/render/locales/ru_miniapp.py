"""Русский каталог: мини-приложение, страницы дайджестов и кнопки, что их открывают (в ru.TEXTS)."""

TEXTS: dict[str, str | tuple[str, ...]] = {
    "miniapp.menu_button": "Открыть",
    "miniapp.button_open": "Открыть",
    "miniapp.button_open_event": "Открыть на сайте",
    "digest.button_read_all": "Читать всё",
}
