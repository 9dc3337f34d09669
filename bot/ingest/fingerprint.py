"""Duplicate keys: normalised URLs, exact content hashes and SimHash.

SimHash (Charikar): every word 3-gram of the cleaned body's stems is hashed to
64 bits (BLAKE2b, stable across processes); bit i of the fingerprint is set
when more shingles have bit i set than not. Texts that share most of their
shingles get fingerprints a few bits apart; unrelated texts ~32 bits apart.
Fingerprints are signed 64-bit ints so they fit a BIGINT column.

Near duplicates are within NEAR_DUPLICATE_DISTANCE = 7 bits. Chosen by
testing on the seed articles: the five (all on Azerbaijan-US relations) are
23-42 bits apart; a copy of one with 2-8 words of its first paragraph
replaced, inserted or deleted lands 0-14 bits away (median ~4; 90% within 7,
95% within 8; the shorter the article, the farther). 7 keeps a wide margin
from distinct articles and is the most that four bands find exactly:

Split into four 16-bit bands, fingerprints within 3 bits share at least one
band (pigeonhole), and within 7 bits at least one band differs in at most
one bit. So a store keeps the four `band_keys` in indexed columns and looks
up candidates with `band_probes` (each band's value and its 16 one-bit
neighbours: 68 indexed values in all), then checks `is_near_duplicate`.
"""
from __future__ import annotations

import hashlib
import ipaddress
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from collections.abc import Sequence

import numpy as np

from bot.ingest.minhash import shingle_hashes, shingles
from storage.stemming import WORD_RE, normalise

NEAR_DUPLICATE_DISTANCE = 7
BANDS = 4
BAND_BITS = 64 // BANDS
MASK64 = (1 << 64) - 1

# Query parameters that only track where a visitor came from.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "yclid", "msclkid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "ref_src", "ref_url",
    "s_cid", "cmpid", "wt_mc", "at_medium", "at_campaign", "rss", "from_rss",
    "utm", "spm", "share", "amp",
})
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "at_", "__twitter")
DEFAULT_PORTS = {"http": 80, "https": 443}
PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _is_tracking(name: str) -> bool:
    name = name.casefold()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def url_key(url: str) -> str:
    """A key equal for URLs that name the same page.

    Lower-cased host without "www.", no scheme, default port, fragment,
    tracking parameters or trailing slash; remaining query parameters
    sorted; percent-encoding made uniform. Raises ValueError for non-URLs.
    """
    text = url.strip()
    if "://" not in text:
        text = "http://" + text.lstrip("/")
    parts = urlsplit(text)
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError(f"not a URL: {url!r}")
    try:
        host = host.encode("ascii").decode("idna") if "xn--" in host else host
    except UnicodeError:
        pass
    host = host.casefold().removeprefix("www.")
    if _is_ipv6(host):
        host = f"[{host}]"
    port = parts.port
    if port and port != DEFAULT_PORTS.get(parts.scheme.casefold()):
        host = f"{host}:{port}"
    path = quote(unquote(parts.path), safe=PATH_SAFE).rstrip("/")
    while "//" in path:
        path = path.replace("//", "/")
    query = sorted(
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    )
    key = host + path
    return key + "?" + urlencode(query) if query else key


def _is_ipv6(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).version == 6
    except ValueError:
        return False


def normalised_words(text: str) -> list[str]:
    """The words of `text`, lower-cased with ё as е, punctuation dropped."""
    return WORD_RE.findall(normalise(text))


# The two characters whose lower case depends on, or changes, what surrounds them in a text: "İ" becomes
# "i" and a combining dot (no word character, so the word splits there), and "Σ" becomes "ς" at the end
# of a word and "σ" elsewhere. Every other character lower-cases to one character, a word character just
# when it was one (tests/ingest/test_fingerprint.py checks all of Unicode).
CONTEXT_CASED = ("\u0130", "\u03a3")


def content_hash(text: str, *, words: list[str] | None = None) -> str:
    """SHA-256 (hex) of the text's words: equal for texts differing only in
    case, punctuation or white space. `words`: `WORD_RE.findall(text)`, when the caller has it."""
    if words is None or any(char in text for char in CONTEXT_CASED):
        joined = " ".join(normalised_words(text))
    else:  # the words of the lower-cased text are then the lower-cased words: one pass over the text saved
        joined = normalise(" ".join(words))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def to_signed(value: int) -> int:
    """An unsigned 64-bit value as the signed int a BIGINT column holds."""
    value &= MASK64
    return value - (1 << 64) if value >= 1 << 63 else value


def to_unsigned(value: int) -> int:
    return value & MASK64


def simhash(text: str) -> int:
    """The 64-bit SimHash of `text` over stemmed word 3-grams, signed."""
    return simhash_of(shingle_hashes(shingles(text)))


def simhash_of(hashes: Sequence[int] | np.ndarray) -> int:
    """The SimHash of these shingle hashes (`minhash.shingle_hashes`), signed."""
    if len(hashes) == 0:
        return 0
    # Per bit position (most significant first), how many shingle hashes have it set, all at once.
    as_bytes = np.asarray(hashes, dtype=np.uint64).astype(">u8").view(np.uint8).reshape(-1, 8)
    counts = np.unpackbits(as_bytes, axis=1).sum(axis=0)
    majority = np.packbits(counts > len(hashes) / 2)
    return to_signed(int.from_bytes(majority.tobytes(), "big"))


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two 64-bit fingerprints (signed or not)."""
    return ((a ^ b) & MASK64).bit_count()


def is_near_duplicate(a: int, b: int, max_distance: int = NEAR_DUPLICATE_DISTANCE) -> bool:
    return hamming(a, b) <= max_distance


def band_keys(fingerprint: int) -> tuple[int, ...]:
    """The fingerprint's four 16-bit bands, most significant first (0..65535 each)."""
    value = to_unsigned(fingerprint)
    return tuple(
        (value >> (BAND_BITS * (BANDS - 1 - band))) & ((1 << BAND_BITS) - 1)
        for band in range(BANDS)
    )


def band_probes(fingerprint: int, max_distance: int = NEAR_DUPLICATE_DISTANCE) -> tuple[frozenset[int], ...]:
    """Per band, the band values a fingerprint within `max_distance` can have in
    at least one band: values within max_distance // 4 bits of this band.

    Every fingerprint within `max_distance` of this one has, in some band i, a
    value in probes[i]; query `band0 IN probes[0] OR band1 IN probes[1] ...`.
    """
    masks = probe_masks(max_distance // BANDS)
    return tuple(frozenset(value ^ mask for mask in masks) for value in band_keys(fingerprint))


def probe_masks(radius: int) -> tuple[int, ...]:
    """Every 16-bit XOR mask of at most `radius` bits, sorted: a band value's probes are it XOR each."""
    masks = {0}
    for _ in range(radius):
        masks |= {mask ^ (1 << bit) for mask in masks for bit in range(BAND_BITS)}
    return tuple(sorted(masks))
