"""A batch's band probes at once: the pairs that share one are exactly those `band_probes` gives, one by one."""
from __future__ import annotations

import random

import numpy as np
import pytest

from bot.ingest import probe_table
from bot.ingest.fingerprint import MASK64, NEAR_DUPLICATE_DISTANCE, band_keys, band_probes, hamming, probe_masks
from bot.ingest.probe_table import ProbeTable


def near(rng: random.Random, fingerprint: int, bits: int) -> int:
    """`fingerprint` with `bits` distinct bits flipped."""
    for bit in rng.sample(range(64), bits):
        fingerprint ^= 1 << bit
    return fingerprint


def one_band_of(rng: random.Random, fingerprint: int) -> int:
    """A random fingerprint that has one of `fingerprint`'s four bands."""
    band = 0xFFFF << 16 * rng.randrange(4)
    return (fingerprint & band) | (rng.getrandbits(64) & ~band & MASK64)


def reference_pairs(others: list[int], mine: list[int]) -> list[tuple[int, int]]:
    """Pairs (row, column) where others[row] has a band value among mine[column]'s probes, pair by pair."""
    probes = [band_probes(fingerprint) for fingerprint in mine]
    return [(row, column) for row, other in enumerate(others) for column in range(len(mine))
            if any(value in probes[column][band] for band, value in enumerate(band_keys(other)))]


@pytest.mark.parametrize("tables_from", [0, 10**9], ids=["tables", "search"])
def test_the_pairs_sharing_a_probe_are_those_band_probes_gives_pair_by_pair(tables_from, monkeypatch):
    monkeypatch.setattr(probe_table, "TABLES_FROM", tables_from)
    rng = random.Random(11)
    for _ in range(5):
        mine = [rng.getrandbits(64) for _ in range(40)]
        mine += [near(rng, rng.choice(mine), rng.randrange(3))]  # two of the batch alike
        # Stored fingerprints: unrelated ones, ones near an article (0-12 bits: within reach and not), and
        # ones sharing a single band with an article (candidates that are far).
        others = [rng.getrandbits(64) for _ in range(300)]
        others += [near(rng, rng.choice(mine), rng.randrange(13)) for _ in range(300)]
        others += [one_band_of(rng, rng.choice(mine)) for _ in range(100)]
        others = [value & MASK64 for value in others]
        rng.shuffle(others)
        table = ProbeTable.of(np.array(mine, dtype=np.uint64))
        rows, columns = table.sharing(np.array(others, dtype=np.uint64))
        found = list(zip(rows.tolist(), columns.tolist()))
        assert found == reference_pairs(others, mine)  # the same pairs, by row then column, each once
        within = {(row, column) for row, other in enumerate(others) for column, fingerprint in enumerate(mine)
                  if hamming(other, fingerprint) <= NEAR_DUPLICATE_DISTANCE}
        assert within and within <= set(found)  # pigeonhole: nothing within reach is left out


def test_the_probes_asked_for_are_the_union_of_each_article_s():
    rng = random.Random(3)
    mine = [rng.getrandbits(64) for _ in range(25)]
    union = [set() for _ in range(4)]
    for fingerprint in mine:
        for band, values in enumerate(band_probes(fingerprint)):
            union[band] |= values
    assert ProbeTable.of(np.array(mine, dtype=np.uint64)).probes() == [sorted(values) for values in union]


def test_masks_and_empty_sides():
    assert len(probe_masks(1)) == 17 and len(probe_masks(0)) == 1 and len(probe_masks(2)) == 1 + 16 + 120
    table = ProbeTable.of(np.array([5], dtype=np.uint64))
    rows, columns = table.sharing(np.array([], dtype=np.uint64))
    assert rows.tolist() == columns.tolist() == []
    rows, columns = ProbeTable.of(np.array([], dtype=np.uint64)).sharing(np.array([5], dtype=np.uint64))
    assert rows.tolist() == columns.tolist() == []
