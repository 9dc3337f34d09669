"""Synthetic scraped-text articles for the ingestion benchmark.

Each looks like a seed file: a date line with title, outlet and section, site
navigation, 6-10 paragraphs of Russian prose, a "latest news" list at the
end. Words come from a fixed vocabulary with a Zipf-like skew; about half the
articles name Azerbaijan and the United States (relevant), some a topic's
terms. Every DUPLICATE_EVERY-th article repeats an earlier one's text under
different boilerplate, as a site copying another would.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

DUPLICATE_EVERY = 50
COMMON = ("и в на с по что это как для от его о также из за к не при их был году стороны было будет "
          "которые может этом более между после уже только однако").split()
WORDS = ("развитие сотрудничество регион безопасность энергетика транспорт проект соглашение переговоры визит "
         "делегация министр президент правительство парламент экономика инвестиции торговля рынок компания "
         "программа заявление встреча саммит форум диалог партнер интерес вопрос решение процесс этап период "
         "уровень отношения политика позиция ситуация значение роль задача возможность перспектива инициатива "
         "маршрут коридор транзит трубопровод нефть газ поставки экспорт импорт рост снижение доля объем "
         "граница мир урегулирование конфликт договор подписание документ меморандум комиссия группа эксперт "
         "аналитик источник агентство издание сообщение интервью комментарий оценка прогноз итоги результат "
         "столица город область страна государство союз организация совет комитет департамент служба "
         "оборона армия учения технологии цифровой искусственный интеллект кибербезопасность инфраструктура "
         "образование культура туризм спорт здравоохранение экология климат вода сельское хозяйство").split()
RELEVANT = ("Азербайджан", "Баку", "Ильхам Алиев", "США", "Вашингтон", "Дональд Трамп", "Госдепартамент")
TOPIC_TERMS = ("Хартия о стратегическом партнерстве", "поправка 907", "Акт в поддержку свободы",
               "Маршрут Трампа", "TRIPP", "Зангезурский коридор")
OUTLETS = ("1news.az", "Day.Az", "Report.az", "Trend", "APA", "Caspian Courier")
NAV = ("Главная", "Политика", "Экономика", "Общество", "Azərbaycanca", "RU", "EN", "Поиск")


class SyntheticArticles:
    def __init__(self, seed: int = 1) -> None:
        self.seed = seed
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(WORDS))]
        self.weights = weights

    def _words(self, rng: random.Random, n: int) -> list[str]:
        words = rng.choices(WORDS, weights=self.weights, k=n)
        for i in range(0, n, 4):
            words.insert(i, rng.choice(COMMON))
        return words

    def _sentence(self, rng: random.Random, relevant: bool) -> str:
        words = self._words(rng, rng.randint(10, 18))
        if relevant and rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(RELEVANT))
        if relevant and rng.random() < 0.05:
            words.insert(rng.randrange(len(words)), rng.choice(TOPIC_TERMS))
        return " ".join(words).capitalize() + "."

    def body(self, number: int) -> tuple[str, str]:
        """(title, article text) of article `number`; the same number gives the same text."""
        rng = random.Random(self.seed * 1_000_003 + number)
        relevant = number % 2 == 0
        lead = f"{rng.choice(RELEVANT[:3])} и {rng.choice(RELEVANT[3:])} " if relevant else ""
        paragraphs = []
        for p in range(rng.randint(6, 10)):
            text = " ".join(self._sentence(rng, relevant) for _ in range(rng.randint(2, 4)))
            paragraphs.append(lead + text[0].lower() + text[1:] if p == 0 and lead else text)
        title = " ".join(self._words(rng, 7)).capitalize()
        return title, "\n\n".join(paragraphs)

    def text(self, number: int) -> str:
        """A whole file: date line, navigation, the article, a list of other news."""
        source = number - DUPLICATE_EVERY // 2 if number % DUPLICATE_EVERY == DUPLICATE_EVERY - 1 else number
        title, body = self.body(source)
        rng = random.Random(self.seed * 7919 + number)
        date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(800))
        nav = rng.sample(NAV, rng.randint(3, len(NAV)))
        tail = ["Последние новости"] + [f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} "
                                        + " ".join(self._words(rng, 5)).capitalize() for _ in range(5)]
        header = f" date {date.isoformat()}  {title} | {rng.choice(OUTLETS)} | Новости"
        return "\n".join([header, *nav, "", title, "", body, "", *tail]) + "\n"

    def write_files(self, folder: Path, count: int) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for number in range(count):
            path = folder / f"{number // 1000:03d}" / f"article_{number:06d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(self.text(number), encoding="utf-8")
            paths.append(path)
        return paths
