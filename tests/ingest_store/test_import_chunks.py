"""Worker processes get files in chunks, and enough of them to go on while a batch is stored; each task
carries only its paths."""
from __future__ import annotations

import functools
import pathlib
import pickle
from concurrent.futures import ProcessPoolExecutor

from bot.ingest import importer
from bot.ingest.files import PreparedFile


def named(path: pathlib.Path) -> PreparedFile:
    """A stand-in for prepare_file (picklable: a worker process runs it)."""
    return PreparedFile(str(path), ())


def named_with(path: pathlib.Path, *, rules: str) -> PreparedFile:
    """`named`, given something as large as the tagging rules (as prepare_file is)."""
    return PreparedFile(f"{path}:{len(rules)}", ())


async def test_files_go_to_the_workers_in_chunks_with_over_two_batches_in_flight(tmp_path, monkeypatch):
    tasks: list[int] = []

    class CountingPool(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            tasks.append(len(args[-1]))  # worker_pool.prepare_chunk(chunk): the files of this task
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(importer, "ProcessPoolExecutor", CountingPool)
    chunks = importer.in_flight_chunks(2) + 20  # past the bound, so later chunks wait for earlier ones
    paths = [tmp_path / f"{n:05d}" for n in range(chunks * importer.CHUNK_FILES + 5)]
    in_flight_at_first = None
    done = []
    async for prepared in importer.prepared_files(paths, named, 2):
        if in_flight_at_first is None:
            in_flight_at_first = sum(tasks)
        done.append(prepared.path)
    assert done == [str(path) for path in paths]
    assert tasks == [importer.CHUNK_FILES] * chunks + [5]
    assert in_flight_at_first >= 2 * importer.BATCH_FILES


async def test_a_task_carries_its_paths_and_not_the_work_function(tmp_path, monkeypatch):
    """The work function (with the tagging rules: 12 kB pickled) goes to each worker once, when it
    starts; pickled with every task of ten files, it cost more than the paths themselves."""
    sizes: list[int] = []

    class MeasuringPool(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            sizes.append(len(pickle.dumps((fn, args, kwargs))))
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(importer, "ProcessPoolExecutor", MeasuringPool)
    rules = "r" * 20_000
    paths = [tmp_path / f"{n:05d}" for n in range(5 * importer.CHUNK_FILES)]
    done = [prepared.path async for prepared in importer.prepared_files(
        paths, functools.partial(named_with, rules=rules), 2)]
    assert done == [f"{path}:{len(rules)}" for path in paths]  # every worker had the work function
    assert len(sizes) == 5 and max(sizes) < 2_000
