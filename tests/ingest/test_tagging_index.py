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
