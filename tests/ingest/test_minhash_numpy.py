"""The numpy fingerprints equal the per-shingle reference ones: stored signatures stay comparable."""
from __future__ import annotations

import hashlib
import random

from datasketch import MinHash

from bench.ingest_data import SyntheticArticles
from bot.ingest import minhash
from bot.ingest.fingerprint import simhash_of, to_signed
from bot.ingest.word_stems import stem_list


def reference_hashes(shingles: list[str]) -> list[int]:
    return [int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big") for s in shingles]


def reference_simhash(hashes: list[int]) -> int:
    value = 0
    for bit in range(64):
        if sum((h >> bit) & 1 for h in hashes) > len(hashes) / 2:
            value |= 1 << bit
    return to_signed(value) if hashes else 0


def reference_signature(hashes: list[int]) -> bytes:
    if not hashes:
        return b""
    sketch = MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED, scheme="affine32",
                     hashfunc=lambda value: value & 0xFFFFFFFF)
    sketch.update_batch(set(hashes))
    return sketch.digest().astype("<u4").tobytes()


def texts() -> list[str]:
    synthetic = SyntheticArticles(seed=9)
    rng = random.Random(5)
    words = synthetic.body(3)[1].split()
    return ([synthetic.body(n)[1] for n in range(30)]
            + [" ".join(rng.sample(words, k)) for k in (1, 2, 3, 4, 7)]
            + ["Баку Баку Баку Баку Баку Баку", ""])


def test_shingle_hashes_are_the_blake2b_digests():
    for text in texts():
        shingles = minhash.shingles(text)
        assert minhash.shingle_hashes(shingles).tolist() == reference_hashes(shingles)


def test_simhash_and_minhash_equal_the_reference_per_shingle_computation():
    for text in texts():
        hashes = reference_hashes(minhash.shingles_of(stem_list(text)))
        fast = minhash.shingle_hashes(minhash.shingles_of(stem_list(text)))
        assert simhash_of(fast) == reference_simhash(hashes)
        assert minhash.signature_of(fast) == reference_signature(hashes)
        assert minhash.signature(text) == reference_signature(hashes)


def test_permutations_are_datasketchs_for_the_seed():
    a, b = MinHash(num_perm=minhash.NUM_PERM, seed=minhash.SEED, scheme="affine32").permutations
    assert minhash._A.tolist() == a.tolist() and minhash._B.tolist() == b.tolist()


def test_hashes_from_the_stems_equal_those_of_the_joined_shingles():
    mixed = ["Straße", "İstanbul", "東京", "naïve", "ёж", "x"]  # multi-byte UTF-8, letters that fold
    for words in [stem_list(text) for text in texts()] + [mixed, mixed[:2], mixed[:1], []]:
        assert (minhash.stem_shingle_hashes(words).tolist()
                == reference_hashes(minhash.shingles_of(words)))
