"""`briefbot run` for bench.webhook, optionally with the overall cap on direct replies raised.

    python -m bench.webhook_replica [REPLIES_PER_SECOND]

Every replica keeps its direct replies under Telegram's ~30 messages a second
(bot/reply_limits.py, not a setting). A bench of 300 updates a second would then
measure that limiter, not the machine, so bench.webhook raises it by default
(`--telegram-reply-limit` keeps it). Everything else is `briefbot run` unchanged.
"""
from __future__ import annotations

import sys

from bot.__main__ import main
from bot.reply_limits import ReplyRateLimiter

if __name__ == "__main__":
    if len(sys.argv) > 1:
        ReplyRateLimiter.__init__.__kwdefaults__["overall_per_second"] = float(sys.argv[1])
    raise SystemExit(main(["run"]))
