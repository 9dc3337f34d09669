"""bench.webhook in a short smoke run: it drives real replicas and prints real figures (none asserted)."""
from __future__ import annotations

import re
import subprocess
import sys

from bench.command_bots import PROJECT
from tests.conftest import skip_or_fail
from tests.pg_server import PostgresUnavailable, find_bindir


def test_the_webhook_bench_answers_every_update_and_measures_a_failover():
    try:
        find_bindir()
    except PostgresUnavailable as exc:
        skip_or_fail(f"the webhook bench needs a local PostgreSQL: {exc}")
    run = subprocess.run([sys.executable, "-m", "bench.webhook", "--quick", "--replicas", "1", "--rates", "5",
                          "--duration", "1.5", "--kills", "1"], cwd=PROJECT, capture_output=True, text=True,
                         timeout=180)
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "Traceback" not in out, out
    assert "load at start" in out and "load at end" in out, out
    columns = r"^ rate/s +posted +unans +p50 ms +p99 ms .* 200 p99 +r1% +pg% +fake% +load% +machine% +others%$"
    assert re.search(columns, out, re.MULTILINE), out
    row = re.search(r"^ +5 +(\d+) +(\d+) +[\d.]+ +[\d.inf]+ .*(ok|MISSED)", out, re.MULTILINE)
    assert row and int(row[1]) > 0 and int(row[2]) == 0, out  # every update posted got its reply
    handled = re.search(r"updates by outcome .*: .*handled ([\d,]+)", out)
    assert handled and int(handled[1].replace(",", "")) >= int(row[1]), out  # none throttled into silence
    kill = re.search(r"kill 1: (r\d) killed; (r\d) leads after \d+ ms", out)
    assert kill and kill[1] != kill[2], out
    assert re.search(r"failover over 1 SIGKILLs of the leader: median \d+ ms, worst \d+ ms", out), out
