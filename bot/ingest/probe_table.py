"""A batch's SimHash band probes at once, and which stored fingerprints share one with which article.

`fingerprint.band_probes` gives one fingerprint's probes: per band, the values within
max_distance // BANDS bits of its own. A batch of 400 articles has about 6,800 per band, and its
candidates (stored articles with a band among them) number about 100 per article at 100,000 stored.
Comparing every candidate with every article of the batch grew with the square of the batch; a
candidate can only be within reach of the articles whose probe it has (pigeonhole), so `sharing`
pairs each with those alone, found through each band's sorted probes.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.ingest.fingerprint import BAND_BITS, BANDS, NEAR_DUPLICATE_DISTANCE, probe_masks

BAND_MASK = np.uint64((1 << BAND_BITS) - 1)
# From this many candidates on, `sharing` builds a table of each band's 65,536 values instead of
# searching the probes for each candidate: 27 -> 7.5 ms for a batch of 400 articles and their 34,000
# candidates. The tables cost the same for a single article (feeds, /addarticle) and its hundred
# candidates: 0.4 ms, where searching takes 0.1.
TABLES_FROM = 4096


def band_values(fingerprints: np.ndarray, band: int) -> np.ndarray:
    """Band `band` (0 the most significant) of each unsigned 64-bit fingerprint."""
    return (fingerprints >> np.uint64(BAND_BITS * (BANDS - 1 - band))) & BAND_MASK


@dataclass(frozen=True)
class ProbeTable:
    fingerprints: np.ndarray  # the batch's, unsigned 64-bit
    values: tuple[np.ndarray, ...]  # per band, every probe value of every fingerprint, sorted
    owners: tuple[np.ndarray, ...]  # per band, the position in `fingerprints` of each value's owner

    @classmethod
    def of(cls, fingerprints: np.ndarray, max_distance: int = NEAR_DUPLICATE_DISTANCE) -> ProbeTable:
        fingerprints = np.asarray(fingerprints, dtype=np.uint64)
        masks = np.array(probe_masks(max_distance // BANDS), dtype=np.uint64)
        owners = np.repeat(np.arange(len(fingerprints)), len(masks))
        values, owned = [], []
        for band in range(BANDS):
            probes = (band_values(fingerprints, band)[:, None] ^ masks[None, :]).ravel()
            order = np.argsort(probes, kind="stable")
            values.append(probes[order])
            owned.append(owners[order])
        return cls(fingerprints, tuple(values), tuple(owned))

    def probes(self) -> list[list[int]]:
        """Per band, the distinct probe values: what the store is asked for."""
        return [np.unique(values).tolist() for values in self.values]

    def sharing(self, others: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rows, columns): every pair of `others[row]` and `fingerprints[column]` where the first has
        one of the second's probes in some band, each pair once, by row then column."""
        others = np.asarray(others, dtype=np.uint64)
        width = len(self.fingerprints)
        if not width or not len(others):
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        keys = [np.empty(0, dtype=np.int64)]
        for band in range(BANDS):
            wanted = band_values(others, band).astype(np.intp)
            if len(others) >= TABLES_FROM:
                # Band values are 16-bit: where each value's run starts among the sorted probes, and how long
                # it is, read from two tables of 65,536 rather than by binary search for every candidate.
                run_lengths = np.bincount(self.values[band].astype(np.intp), minlength=1 << BAND_BITS)
                run_starts = np.cumsum(run_lengths) - run_lengths
                low, counts = run_starts[wanted], run_lengths[wanted]
            else:
                low = np.searchsorted(self.values[band], wanted, side="left")
                counts = np.searchsorted(self.values[band], wanted, side="right") - low
            rows = np.repeat(np.arange(len(others), dtype=np.int64), counts)
            # Within each row's run of matches, the k-th is values[low + k].
            firsts = np.cumsum(counts) - counts
            positions = np.arange(len(rows)) + np.repeat(low - firsts, counts)
            keys.append(rows * width + self.owners[band][positions])
        pairs = np.unique(np.concatenate(keys))
        return pairs // width, pairs % width
