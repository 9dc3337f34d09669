"""The token filter: log records, their arguments and their tracebacks come out masked."""
from __future__ import annotations

import io
import logging

import pytest

from bot.log_redaction import TokenRedactingFilter, install_token_filter

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture
def captured():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    install_token_filter(TOKEN)
    yield stream
    root.removeHandler(handler)
    for other in root.handlers:  # pytest's own handlers got the filter too
        other.filters = [f for f in other.filters if not isinstance(f, TokenRedactingFilter)]


def test_message_and_args_are_masked(captured):
    log = logging.getLogger("telegram.ext.ExtBot")
    log.warning("Set Bot API URL: %s", f"https://api.telegram.org/bot{TOKEN}")
    log.warning(f"encoded: https://x/bot{TOKEN.replace(':', '%3A')}/getMe")
    out = captured.getvalue()
    assert "Set Bot API URL: https://api.telegram.org/bot<TOKEN>" in out
    assert "encoded: https://x/bot<TOKEN>/getMe" in out
    assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in out


def test_exception_text_and_traceback_are_masked(captured):
    try:
        raise ConnectionError(f"Cannot connect: http://127.0.0.1:9/bot{TOKEN}/getMe")
    except ConnectionError:
        logging.getLogger("telegram.ext").exception("Network loop failed for %s", TOKEN)
    out = captured.getvalue()
    assert "Traceback (most recent call last)" in out
    assert "ConnectionError: Cannot connect: http://127.0.0.1:9/bot<TOKEN>/getMe" in out
    assert "Network loop failed for <TOKEN>" in out
    assert TOKEN not in out


def test_without_a_token_records_pass_unchanged():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    assert TokenRedactingFilter(None).filter(record)
    assert record.getMessage() == "hello world"
