"""Relevance and topics from keyword rules."""
from __future__ import annotations

import pytest

from bot.ingest.tagging import compile_rules, tag_article, tag_with_rules
from tests.ingest.conftest import RELEVANCE_ALL_OF, TOPIC_TERMS

EXPECTED_TOPICS = {
    "000": set(),                   # the Vance visit as such: none of the three topics
    "001": {"amendment907"},        # mentions the charter once, deep in the text: below the threshold
    "002": {"amendment907"},
    "003": {"charter", "tripp"},
    "004": {"charter"},
}


@pytest.mark.parametrize("seed", sorted(EXPECTED_TOPICS))
def test_seed_articles(seed_clean, seed_raw, rules, seed):
    tagging = tag_with_rules(seed_clean[seed], rules, title=seed_raw[seed].title)
    assert tagging.relevant
    assert {topic.slug for topic in tagging.topics} == EXPECTED_TOPICS[seed]
    assert all(0 < topic.score < 1 and topic.hits >= 1 for topic in tagging.topics)
    assert [t.score for t in tagging.topics] == sorted((t.score for t in tagging.topics), reverse=True)


def test_scores_follow_the_evidence(seed_clean, rules):
    charter_004 = tag_with_rules(seed_clean["004"], rules).topics[0]
    charter_003 = next(t for t in tag_with_rules(seed_clean["003"], rules).topics if t.slug == "charter")
    assert charter_004.hits > 10 and charter_004.score > charter_003.score


def test_plain_data_entry_point_matches_compiled_rules(seed_clean, rules):
    assert tag_article(seed_clean["003"], RELEVANCE_ALL_OF, TOPIC_TERMS) == tag_with_rules(seed_clean["003"], rules)


def test_flu_in_baku_is_not_relevant(rules):
    text = ("В Баку отмечается широкое распространение гриппа. Министерство здравоохранения Азербайджана "
            "рекомендует вакцинацию и призывает граждан соблюдать меры предосторожности.")
    assert tag_with_rules(text, rules, title="Сезон гриппа в Баку").relevant is False


def test_relevance_needs_every_group(rules):
    assert not tag_with_rules("Трамп выступил в Вашингтоне с речью об экономике.", rules).relevant
    assert tag_with_rules("Трамп позвонил Алиеву.", rules, title="Звонок в Баку").relevant


def test_inflected_forms_match_on_stems(rules):
    text = "Соединёнными Штатами и Азербайджаном подписана хартия; Хартией довольны."
    tagging = tag_with_rules(text, rules)
    assert tagging.relevant
    assert tagging.topics[0].slug == "charter"


def test_multi_word_term_needs_consecutive_stems():
    rules = compile_rules([["Баку"]], {"route": ["Маршрут Трампа"]})
    assert tag_with_rules("В Баку обсуждали Маршрут Трампа.", rules).topics
    assert tag_with_rules("В Баку обсуждали маршруты Трампа.", rules).topics
    assert not tag_with_rules("В Баку обсуждали маршрут, предложенный Трампом.", rules).topics


def test_title_hit_is_enough_body_needs_lead_or_two():
    rules = compile_rules([["Баку"]], {"charter": ["Хартия"]})
    filler = " ".join(["Политологи обсуждают региональную повестку Южного Кавказа."] * 20)
    late_once = f"В Баку прошла встреча. {filler} Упоминалась хартия."
    assert not tag_with_rules(late_once, rules).topics
    assert tag_with_rules(late_once, rules, title="Хартия подписана").topics[0].score == round(4 / 7, 3)
    assert tag_with_rules(f"В Баку. {filler}", rules, title="Хартия подписана").topics[0].score == 0.5
    assert tag_with_rules(f"В Баку подписана хартия. {filler}", rules).topics[0].score == 0.4
    assert tag_with_rules(late_once + " Хартия вступит в силу.", rules).topics[0].hits == 2


def test_overlapping_terms_count_once(rules):
    text = "Вашингтон и Баку обсуждают Хартию о стратегическом партнерстве."
    charter = tag_with_rules(text, rules).topics[0]
    assert (charter.slug, charter.hits) == ("charter", 1)


def test_acronyms_match_only_in_capitals(rules):
    assert not tag_with_rules("Let us meet in Baku tomorrow.", rules).relevant
    assert tag_with_rules("The US envoy arrived in Baku.", rules).relevant
    assert tag_with_rules("Визит в США и Баку.", rules).relevant


def test_amendment_number_and_bill():
    rules = compile_rules([["Баку"]], {"amendment907": TOPIC_TERMS["amendment907"]})
    tagging = tag_with_rules("Баку ждёт отмены поправки №907 и принятия H.R.6534.", rules)
    assert tagging.topics[0].hits == 2


def test_alias_stem_for_surnames(rules):
    # Snowball stems "Алиев" to "ал" but "Алиева" to "алиев": the term matches both.
    narrow = compile_rules([["Алиев"], ["Трамп"]], {})
    assert tag_with_rules("Трамп встретился с Ильхамом Алиевым.", narrow).relevant
    assert tag_with_rules("Трамп и Алиев.", narrow).relevant


def test_azerbaijani_article(rules):
    text = ("ABŞ-ın vitse-prezidenti Ceyms Devid Vens Bakıda Azərbaycan Prezidenti İlham Əliyevlə görüşüb. "
            "Tərəflər Strateji Tərəfdaşlıq Xartiyasını imzalayıb. Xartiyanın mətni dərc olunub.")
    tagging = tag_with_rules(text, rules)
    assert tagging.relevant
    assert [(t.slug, t.hits) for t in tagging.topics] == [("charter", 2)]


def test_azerbaijani_endings_do_not_leak_into_english(rules):
    assert not tag_with_rules("Trumpeters played in Baku.", compile_rules([["Baku"], ["Trump"]], {})).relevant


def test_english_article(rules):
    text = ("US Vice President JD Vance and President Ilham Aliyev signed the Charter on Strategic Partnership "
            "in Baku. The Trump Route for International Peace and Prosperity would cross Syunik.")
    tagging = tag_with_rules(text, rules)
    assert tagging.relevant
    assert {t.slug for t in tagging.topics} == {"charter", "tripp"}


def test_term_of_stop_words_only_is_refused():
    with pytest.raises(ValueError, match="no searchable word"):
        compile_rules([["и"]], {})
