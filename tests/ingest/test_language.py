"""Language detection: Russian, English, Azerbaijani."""
from __future__ import annotations

import pytest

from bot.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Вице-президент США Джей Ди Вэнс прибыл в Баку.", "ru"),
        ("US Vice President JD Vance arrived in Baku on Monday for talks with Ilham Aliyev.", "en"),
        ("Azərbaycan Prezidenti İlham Əliyev ABŞ-ın vitse-prezidenti ilə görüşüb.", "az"),
        ("ABŞ və Azərbaycan arasında Strateji Tərəfdaşlıq Xartiyası imzalanıb.", "az"),
        ("Bakıda qrip mövsümü başlayıb, həkimlər xəbərdarlıq edir.", "az"),
        ("Vance met Ilham Əliyev in Baku and said the charter was signed.", "en"),  # one Azerbaijani name
        ("Президент Ильхам Алиев принял делегацию Конгресса США (U.S. Congress) в Баку.", "ru"),
        ("Trump Route for International Peace and Prosperity", "en"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_seed_articles_are_russian(seed_clean):
    assert {detect_language(body) for body in seed_clean.values()} == {"ru"}


def test_no_letters_gives_the_default():
    assert detect_language("2026 — 907 / 6534") == "ru"
    assert detect_language("", default="en") == "en"
