"""A file is read to the size stat() gave, and past it only when it has grown since: the same bytes, or
the same refusal, as reading up to the limit at once."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.ingest.files import read_limited
from bot.ingest.raw_article import RejectedArticle


def stat_saying(monkeypatch, path: Path, size: int) -> None:
    """stat() of `path` reports `size`: the file grew (or shrank) between stat() and the read."""
    real = Path.stat

    def stat(self, *args, **kwargs):
        found = real(self, *args, **kwargs)
        if self == path:
            values = list(found)
            values[6] = size  # st_size
            return os.stat_result(values)
        return found

    monkeypatch.setattr(Path, "stat", stat)


@pytest.mark.parametrize("stated", [0, 1, 99, 100, 150])
def test_reads_every_byte_whatever_stat_said(tmp_path, monkeypatch, stated):
    path = tmp_path / "article.txt"
    path.write_bytes(b"x" * 100)
    stat_saying(monkeypatch, path, stated)
    assert read_limited(path, 1000) == b"x" * 100


def test_a_file_grown_past_the_limit_since_stat_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "article.txt"
    path.write_bytes(b"x" * 2000)
    stat_saying(monkeypatch, path, 10)
    with pytest.raises(RejectedArticle) as refused:
        read_limited(path, 1000)
    assert refused.value.refusal.code == "file_too_large_over"


def test_a_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(b"y" * 1000)
    assert read_limited(path, 1000) == b"y" * 1000
