"""English texts for refused button presses and maintainer reports asked for outside a private chat."""
from __future__ import annotations

TEXTS = {
    "access.button_private_only": "This button works only in a private chat with the bot.",
    "access.button_not_here": "This button does not work here.",
    "access.button_admins_only": "Only this chat's administrators can use this button.",
    "access.reports_private_only": "I show this only in a private chat: write the command to @{bot_username}.",
}
