"""The importer's worker processes: a lower priority than the importer's, no second run of the main module,
and none of the storage layer imported."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.ingest.files import PreparedFile
from bot.ingest.worker_pool import WORKER_NICENESS

ROOT = Path(__file__).resolve().parents[2]


def worker_facts(path: Path) -> PreparedFile:
    """A stand-in for prepare_file that tells which process ran it, at what niceness, and whether
    that process imported SQLAlchemy (this module and prepare_file's do not)."""
    return PreparedFile(json.dumps([os.getpid(), os.getpriority(os.PRIO_PROCESS, 0), "sqlalchemy" in sys.modules]), ())


@pytest.fixture(scope="module")
def import_run(tmp_path_factory):
    """An import's preparation run from a script of its own (the main module), as `briefbot import` is."""
    folder = tmp_path_factory.mktemp("main_module")
    marker = folder / "main_module_runs.txt"
    script = folder / "import_script.py"
    script.write_text(textwrap.dedent(f"""
        import asyncio, json, os, pathlib
        with open({str(marker)!r}, "a") as runs:  # every process that runs this module says so
            runs.write(f"{{os.getpid()}}\\n")
        from bot.ingest import importer
        from tests.ingest_store.test_worker_pool import worker_facts

        async def main():
            paths = [pathlib.Path(f"file{{n}}") for n in range(60)]
            facts = [json.loads(p.path) async for p in importer.prepared_files(paths, worker_facts, 2)]
            print(json.dumps({{"pid": os.getpid(), "nice": os.getpriority(os.PRIO_PROCESS, 0), "facts": facts}}))

        if __name__ == "__main__":
            asyncio.run(main())
    """))
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), marker.read_text().split()


def test_workers_do_not_run_the_main_module_again(import_run):
    result, runs = import_run
    workers = {pid for pid, _, _ in result["facts"]}
    assert len(workers) >= 1 and result["pid"] not in workers  # the files went to worker processes
    assert runs == [str(result["pid"])]


def test_workers_run_at_a_lower_priority_than_the_importer(import_run):
    result, _ = import_run
    assert {nice for _, nice, _ in result["facts"]} == {min(19, result["nice"] + WORKER_NICENESS)}


def test_workers_do_not_import_the_storage_layer(import_run):
    """The importing script imports it (bot.ingest.importer); a worker only prepares files: the
    second of CPU that SQLAlchemy and the storage modules take to import would delay its first file."""
    result, _ = import_run
    assert result["facts"] and not any(loaded for _, _, loaded in result["facts"])
