"""An article checked against the earlier ones of its batch, all at once, matches as one by one did."""
from __future__ import annotations

import random
from types import SimpleNamespace

from bot.ingest.dedup import DuplicateIndex, Known
from bot.ingest.fingerprint import NEAR_DUPLICATE_DISTANCE, hamming, to_signed
from bot.ingest.minhash import NEAR_SIMILARITY, NUM_PERM, SIGNATURE_BYTES, similarity


def reference_match(index: DuplicateIndex, article) -> tuple[Known, str] | None:
    """Every candidate compared on its own (the code before the batch was compared at once)."""
    candidates = index.near_stored.get(id(article), []) + index.pending
    near = [(hamming(known.simhash, article.simhash), known.id if known.id is not None else (1 << 62) + n, known)
            for n, known in enumerate(candidates)]
    near = [item for item in near if item[0] <= NEAR_DUPLICATE_DISTANCE]
    if near:
        return min(near, key=lambda item: item[:2])[2], "near"
    candidates = index.similar_stored.get(id(article), []) + index.pending
    similar = [(-score, known.id if known.id is not None else (1 << 62) + n, known)
               for n, known in enumerate(candidates)
               if (score := similarity(article.minhash, known.minhash)) >= NEAR_SIMILARITY]
    return (min(similar, key=lambda item: item[:2])[2], "near") if similar else None


def flipped(value: int, bits: int, rng: random.Random) -> int:
    for bit in rng.sample(range(64), bits):
        value ^= 1 << bit
    return to_signed(value)


def edited(signature: bytes, values: int, rng: random.Random) -> bytes:
    """The signature with `values` of its NUM_PERM values changed."""
    words = bytearray(signature)
    for slot in rng.sample(range(NUM_PERM), values):
        words[slot * 4:slot * 4 + 4] = rng.randbytes(4)
    return bytes(words)


def test_a_batch_compared_at_once_matches_as_each_pair_compared_alone():
    rng = random.Random(12)
    roots = [(rng.getrandbits(64), rng.randbytes(SIGNATURE_BYTES)) for _ in range(30)]

    def variant():
        simhash, signature = rng.choice(roots)
        return (flipped(simhash, rng.choice([0, 3, 7, 8, 20]), rng),
                rng.choice([signature, edited(signature, rng.randrange(NUM_PERM), rng), b"", rng.randbytes(8)]))

    for trial in range(40):
        index = DuplicateIndex()
        stored = [Known(1000 + n, f"s{n}", None, *variant()[:1], None, minhash=variant()[1]) for n in range(20)]
        updated = Known(7, "u", None, *variant()[:1], None, minhash=variant()[1])  # stored, updated in the batch
        for position in range(60):
            simhash, signature = variant()
            article = SimpleNamespace(url=None, canonical_url_key=None, content_hash=f"{trial}-{position}",
                                      simhash=simhash, minhash=signature)
            index.near_stored[id(article)] = rng.sample(stored, 3)
            index.similar_stored[id(article)] = rng.sample(stored, 3)
            expected = reference_match(index, article)
            assert index.match(article) == expected
            if position % 17 == 5:  # the same article updated again: compared by its latest text
                updated.simhash, updated.minhash = variant()
                index.add(updated, [])
            elif expected is None:
                index.add(Known(None, f"a{position}", article.content_hash, simhash, None, pending=position,
                                minhash=signature), [])


def test_an_article_updated_twice_in_its_batch_is_compared_by_its_latest_text():
    index = DuplicateIndex()
    known = Known(7, "u", None, 0, None, minhash=bytes(SIGNATURE_BYTES))
    index.add(known, [])
    known.simhash, known.minhash = to_signed((1 << 64) - 1), b"\x01" * SIGNATURE_BYTES
    index.add(known, [])
    close = SimpleNamespace(url=None, canonical_url_key=None, content_hash="x", simhash=to_signed((1 << 64) - 2),
                            minhash=b"")
    assert index.match(close) == (known, "near")
    far = SimpleNamespace(url=None, canonical_url_key=None, content_hash="y", simhash=0,
                          minhash=b"\x01" * SIGNATURE_BYTES)
    assert index.match(far) == (known, "near")
    assert index.match(far) == reference_match(index, far)
