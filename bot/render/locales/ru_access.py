"""Русские тексты для отклонённых нажатий кнопок и отчётов редакторов вне личного чата."""
from __future__ import annotations

TEXTS = {
    "access.button_private_only": "Эта кнопка работает только в личном чате с ботом.",
    "access.button_not_here": "Эта кнопка здесь не работает.",
    "access.button_admins_only": "Эту кнопку могут нажимать только администраторы этого чата.",
    "access.reports_private_only": "Это я показываю только в личном чате: напишите команду боту @{bot_username}.",
}
