"""MinHash signatures and LSH band keys: near duplicates that SimHash misses.

SimHash (fingerprint.py) drifts too far for short texts: in a ~300-word
republication with a rewritten first paragraph and a few leftover furniture
lines, each changed shingle moves many bits. MinHash estimates the Jaccard
similarity of the two shingle sets directly, and that stays high (~0.6-0.9)
for such copies while two different stories of one outlet share ~0-0.1.

The signature (NUM_PERM 32-bit minima, datasketch's "affine32" scheme, fixed
seed: stable across processes and restarts) is stored with the article; it
is cut into BANDS bands of ROWS values, each hashed to one signed 64-bit
band key kept in an indexed table (`article_lsh_bands`). Articles sharing a
band key are candidates; a candidate is a near duplicate when the estimated
Jaccard similarity reaches NEAR_SIMILARITY. With 16 bands of 4 rows a pair
at similarity 0.6 becomes a candidate with probability 0.89, at 0.7 0.99 (a
lightly edited republication measures 0.75-1.0 on the seed articles);
unrelated texts (similarity < 0.1) almost never. 16 keys per article keep
the table at 1.6 million rows for 100,000 articles.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from bot.ingest.word_stems import stem_list

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
NEAR_SIMILARITY = 0.5
SHINGLE_WORDS = 3
SIGNATURE_BYTES = NUM_PERM * 4
SEED = 1



def shingles(text: str) -> list[str]:
    """Stemmed word 3-grams of `text` (the whole text when it is shorter)."""
    return shingles_of(stem_list(text))


def shingles_of(words: Sequence[str]) -> list[str]:
    """Word 3-grams of these stems (`stem_list` of a text)."""
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words)] if words else []
    return [" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]


def shingle_hashes(found: Sequence[str]) -> np.ndarray:
    """Each shingle's 64-bit BLAKE2b hash (uint64, big-endian digest): SimHash takes all bits, MinHash
    the low 32. The digests are joined and read as one array, not turned into Python ints one by one."""
    blake2b = hashlib.blake2b
    digests = b"".join([blake2b(shingle.encode("utf-8"), digest_size=8).digest() for shingle in found])
    return np.frombuffer(digests, dtype=">u8").astype(np.uint64)


def stem_shingle_hashes(words: Sequence[str]) -> np.ndarray:
    """`shingle_hashes(shingles_of(words))`, each stem encoded once rather than in each of its three
    shingles, the 3-grams joined as bytes (UTF-8 of a join is the join of the UTF-8s)."""
    if len(words) < SHINGLE_WORDS:
        return shingle_hashes(shingles_of(words))
    encoded = [word.encode("utf-8") for word in words]
    blake2b, join = hashlib.blake2b, b" ".join
    digests = b"".join([blake2b(join(gram), digest_size=8).digest()
                        for gram in zip(encoded, encoded[1:], encoded[2:])])
    return np.frombuffer(digests, dtype=">u8").astype(np.uint64)


def signature(text: str) -> bytes:
    """The MinHash signature of `text`'s shingles, NUM_PERM little-endian uint32 (b'' for no words)."""
    return signature_of(shingle_hashes(shingles(text)))


# datasketch's "affine32" MinHash, in numpy over all shingles at once (a MinHash object per article cost
# more than the hashing): the low 32 bits of each distinct hash, mixed by MurmurHash3's 32-bit finalizer,
# then a * h + b (mod 2^32) per permutation, the minimum over the shingles. Equal to
# `MinHash(..., hashfunc=low 32 bits).update_batch(set(hashes)).digest()` (tests/ingest/test_minhash_numpy.py).
# The permutations are datasketch's for this seed (`MinHash._init_permutations`), drawn once here without
# importing datasketch (and scipy with it: a third of a second in every worker process).
_RANDOM = np.random.RandomState(SEED)
_A = _RANDOM.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
_B = _RANDOM.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
del _RANDOM


def _fmix32(values: np.ndarray) -> np.ndarray:
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def signature_of(hashes: Sequence[int] | np.ndarray) -> bytes:
    """The MinHash signature of these shingle hashes (b'' for none); hashed once, shared with SimHash."""
    if len(hashes) == 0:
        return b""
    # datasketch hashes a set; repeated values cannot change a minimum, so they are not sorted out first.
    low = (np.asarray(hashes, dtype=np.uint64) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    permuted = _fmix32(low)[:, None] * _A[None, :] + _B[None, :]
    return permuted.min(axis=0).astype("<u4").tobytes()


def band_keys(sig: bytes) -> tuple[int, ...]:
    """One signed 64-bit key per band (band number included, so equal values in
    different bands do not collide); () for an empty signature."""
    if len(sig) != SIGNATURE_BYTES:
        return ()
    width = ROWS * 4
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * width:(band + 1) * width], digest_size=8,
                                 person=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return tuple(keys)


def similarity(a: bytes | None, b: bytes | None) -> float:
    """Estimated Jaccard similarity of two signatures (0 when either is missing)."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return float(np.mean(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")))


def similarities(sig: bytes | None, others: Sequence[bytes | None]) -> list[float]:
    """`similarity(sig, other)` for each of `others`, in one comparison: an import checks
    every article against all new ones of its batch (50 x 50 pairs)."""
    if not others:
        return []
    if not sig or len(sig) % 4:
        return [0.0] * len(others)
    width = len(sig)
    fits = [bool(other) and len(other) == width for other in others]
    matrix = np.frombuffer(b"".join(other if ok else bytes(width) for other, ok in zip(others, fits)), dtype="<u4")
    equal = np.count_nonzero(matrix.reshape(len(others), -1) == np.frombuffer(sig, dtype="<u4"), axis=1)
    return [count / (width // 4) if ok else 0.0 for count, ok in zip(equal.tolist(), fits)]


def is_near_duplicate(a: bytes | None, b: bytes | None) -> bool:
    return similarity(a, b) >= NEAR_SIMILARITY
