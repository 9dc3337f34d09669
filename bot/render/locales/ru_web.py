"""Русский каталог: публичные веб-страницы (добавляется в ru.TEXTS). Простой текст: шаблоны его экранируют."""

TEXTS: dict[str, str] = {
    "web.skip": "Перейти к содержанию",
    "web.nav": "Разделы",
    "web.nav.timeline": "Хроника",
    "web.nav.articles": "Статьи",
    "web.nav.chart": "График",
    "web.nav.search": "Поиск",
    "web.other_language": "English",
    "web.footer": "Досье составлено по источникам, указанным на каждой странице; оценки приводятся со ссылкой "
                  "на тех, кто их высказал.",
    "web.pages": "Страницы",
    "web.newer": "← Новее",
    "web.older": "Старше →",
    "web.page_of": "Страница {page} из {pages}",
    "web.topics": "Темы",
    "web.newest_events": "Последние события",
    "web.all_events": "Вся хроника →",
    "web.timeline.empty": "Событий нет.",
}
