"""How the importer's worker processes start and what they run: at a lower priority, without the
main module, and with only what preparing files needs.

- Priority: the importing process stores every batch alone (one process, one core at
  most), while the workers' parsing divides between them. With the importer and two
  workers runnable on two cores, equal shares would leave the importer half of the
  core it shares with a worker, and the workers would then wait for it with a full
  queue: the cores idle by turns. At a lower priority the workers use what the
  importer leaves, which is what keeps both cores busy. They yield to other programs too
  (a bot running beside the import stays responsive; a busy machine slows the import).
- Main module: a "spawn" worker runs the parent's main module again first (so that
  functions defined there can be unpickled), which for `briefbot` (or a benchmark)
  means importing the whole bot, about a second of CPU per worker at the start of an
  import during which no file is prepared. The workers run only functions of importable
  modules (`files.prepare_file`), so they are started without it.
- What they run: the function that prepares a file (with the tagging rules, 12 kB pickled) is
  given to each worker once, when it starts (`start_worker`), and each task carries only its
  paths (`prepare_chunk`). Tasks run from this module, which imports nothing heavy: unpickling
  a task from `bot.ingest.importer` made every worker import SQLAlchemy and the storage layer,
  about a second of CPU it never used.
"""
from __future__ import annotations

import contextlib
import os
import sys
import types
from collections.abc import Callable, Iterator

WORKER_NICENESS = 10  # added to the importer's: CFS then gives the importer ~90% of a core it shares

_work: Callable | None = None  # in a worker process: what start_worker was given


def start_worker(work: Callable) -> None:
    """Pool initializer: a lower priority, and `work` kept for every task this worker runs."""
    global _work
    lower_priority()
    _work = work


def prepare_chunk(chunk: list) -> list:
    """A task: the worker's `work` on each of a chunk of files."""
    if _work is None:
        raise RuntimeError("a task ran in a process that start_worker did not start")
    return prepare_each(_work, chunk)


def prepare_each(work: Callable, chunk: list) -> list:
    """`work` on each of a chunk of files: a worker's task, or the importer's own once a worker died."""
    return [work(path) for path in chunk]


def lower_priority() -> None:
    """The worker process yields the CPU to the importing one."""
    if hasattr(os, "nice"):  # not on Windows
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)


@contextlib.contextmanager
def main_module_left_out() -> Iterator[None]:
    """Around ProcessPoolExecutor.submit (which starts the worker processes as they are first
    needed): multiprocessing finds no main module to run again in them (neither a module name
    nor a file), so a worker imports only what the tasks it gets need."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main
        else:
            del sys.modules["__main__"]
