"""Worker processes get files in chunks, and enough of them to go on while a batch is stored."""
from __future__ import annotations

import pathlib
from concurrent.futures import ProcessPoolExecutor

from bot.ingest import importer
from bot.ingest.files import PreparedFile


def named(path: pathlib.Path) -> PreparedFile:
    """A stand-in for prepare_file (picklable: a worker process runs it)."""
    return PreparedFile(str(path), ())


async def test_files_go_to_the_workers_in_chunks_with_over_two_batches_in_flight(tmp_path, monkeypatch):
    tasks: list[int] = []

    class CountingPool(ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            tasks.append(len(args[-1]))  # prepare_chunk(work, chunk): the files of this task
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
