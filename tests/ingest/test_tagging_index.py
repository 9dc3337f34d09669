"""The text index that records only the rules' first keys tags exactly as a full one."""
from __future__ import annotations

from bench.ingest_data import SyntheticArticles
from bot.ingest.tagging import TaggingRules, tag_with_rules


class Everything(frozenset):
    def __contains__(self, key: object) -> bool:
        return True


def test_tags_equal_those_of_an_index_of_every_key(rules, monkeypatch):
    synthetic = SyntheticArticles(seed=3)
    articles = [synthetic.body(n) for n in range(60)] + [
        ("Trump and Aliyev in Washington", "US and Azerbaijan sign the Charter on Strategic Partnership. " * 3),
        ("Bakıda görüş", "ABŞ və Azərbaycan Xartiyası imzalandı; Trampın Bakı səfəri, TRIPP marşrutu. " * 2),
    ]
    found = [tag_with_rules(text, rules, title=title) for title, text in articles]
    assert any(tagging.topics for tagging in found) and any(tagging.relevant for tagging in found)
    monkeypatch.setattr(TaggingRules, "first_keys", property(lambda self: Everything()))
    assert [tag_with_rules(text, rules, title=title) for title, text in articles] == found


def test_leaving_out_terms_whose_first_word_is_absent_tags_as_trying_every_term(rules, monkeypatch):
    from bot.ingest import tagging

    synthetic = SyntheticArticles(seed=4)
    articles = [synthetic.body(n) for n in range(80)] + [
        ("Ильхам Алиев прибыл с визитом", "Переговоры с делегацией США прошли в Вашингтоне. " * 2),  # one group each
        ("США и Азербайджан", "Стороны обсудили Маршрут Трампа и поправку 907."),
        ("Погода", "Ничего о двух странах здесь нет, только погода и спорт."),
    ]
    found = [tag_with_rules(text, rules, title=title) for title, text in articles]
    assert sum(tagging.relevant for tagging in found) > 10 and any(tagging.topics for tagging in found)
    assert found[-3].relevant and not found[-1].relevant
    monkeypatch.setattr(tagging._Index, "live", lambda self, terms: list(terms))
    assert [tag_with_rules(text, rules, title=title) for title, text in articles] == found
