"""Near-duplicates and syndicated copies within a batch.

Entry function: :func:`mark_relays`. Outlets copy wire stories, re-publish a
ministry's statement, or lightly rewrite one another's report; counted as separate
sources, such copies would make one account look corroborated. Each copy is marked
as a relay of the earliest document of its group (``Document.relay_of``), so that
later stages count the group as one source.

How: word 5-gram shingles of each cleaned text; MinHash signatures and LSH
(datasketch; Broder 1997, "On the resemblance and containment of documents") find
candidate pairs; each candidate pair is then checked exactly on its shingle sets,
by containment (the share of the shorter document's shingles found in the longer),
so that a copy cut short (the first paragraphs of a wire story) counts as a copy.
Pairs are joined transitively; the earliest document of a group (publication date,
then input order) is its original.

Across batches (the store): :func:`fingerprint` gives a document's shingles and
its LSH band keys, which the store keeps in an indexed table, so that a copy
added later finds its stored original by a key lookup instead of a scan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rashomon.model import Document

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------- thresholds

# Calibrated as a set with benchmarks/dedup.py: positives are 600 FNC-1 article
# bodies each copied four ways (boilerplate around it, only its first half, one word
# in ten replaced, a third of its sentences dropped plus one word in twenty
# replaced): at containment 0.5, 100%, 100%, 96.5% and 99.8% are found (0.6: 59% of
# the edited copies). The other side: the 8,769 pairs of ECB+ articles within a
# topic (reports of one event by different outlets); 93 pass 0.5, and those read
# by hand were versions of one wire story (AP copy on several sites), i.e. relays
# indeed. Don't tune one value in isolation.
#
# Word 5-grams: long enough that two independent reports of one event share few
# (their common phrases are names and stock phrases of 2-3 words), short enough
# that one replaced word in ten leaves about 60% of a copy's shingles intact.
SHINGLE_WORDS = 5
# Documents with fewer shingles (about 25 words) are not compared: a one-line
# statement copied by two outlets is the same statement, but so are many short
# bulletins that merely share a formula.
MIN_SHINGLES = 20
# MinHash permutations and the LSH Jaccard threshold for candidates. Candidates are
# verified exactly, so the LSH only has to be generous: 0.2 finds pairs whose
# Jaccard similarity is well below the containment threshold (a copy with one word
# in ten replaced has Jaccard ~0.4; a half-length copy 0.5), and the weights that
# count a missed pair nine times a needless check give 64 bands of 2 rows (all 128
# permutations used): a pair at Jaccard 0.3 is missed with probability 0.002
# (28 bands, the default weights: 0.07, which missed 10 of 800 copies).
NUM_PERM = 128
LSH_THRESHOLD = 0.2
LSH_WEIGHTS = (0.1, 0.9)
# A pair is a copy when at least this share of the shorter document's shingles are
# in the longer one.
MIN_CONTAINMENT = 0.5

_WORD = re.compile(r"\w+")


def mark_relays(documents: Sequence[Document]) -> list[Document]:
    """Mark each near-duplicate as a relay of the earliest document of its group.

    Args:
        documents: the batch, in input order (ids unique).

    Returns:
        The documents in the same order; copies get ``relay_of`` set to the id of the
        group's earliest document (unless the caller had set it already).

    Notes:
        The earliest is the one with the earliest publication date; undated documents
        come after dated ones; ties go to input order. Does not compare documents
        across batches (the store's business).
    """
    shingles = [_shingles(d.text) for d in documents]
    comparable = [i for i, s in enumerate(shingles) if len(s) >= MIN_SHINGLES]
    if len(comparable) < 2:
        return list(documents)
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
    signatures = {}
    for i in comparable:
        signatures[i] = _minhash(shingles[i])
        lsh.insert(i, signatures[i])
    parent = {i: i for i in comparable}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in comparable:
        for j in lsh.query(signatures[i]):
            if j <= i or root(i) == root(j):
                continue
            if containment(shingles[i], shingles[j]) >= MIN_CONTAINMENT:
                parent[root(j)] = root(i)

    groups: dict[int, list[int]] = {}
    for i in comparable:
        groups.setdefault(root(i), []).append(i)
    out = list(documents)
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda k: _age(documents[k], k))
        for k in members:
            if k != original and out[k].relay_of is None:
                out[k] = out[k].model_copy(update={"relay_of": documents[original].id})
        logger.info("%s relayed by %s", documents[original].source,
                    ", ".join(documents[k].source for k in members if k != original))
    return out


@dataclass(frozen=True)
class Fingerprint:
    """What the store keeps to find a document's copies in later batches.

    Attributes:
        shingles: the word 5-gram shingles, for the exact containment check.
        keys: one 63-bit key per LSH band (the band's MinHash values hashed with
            the band's number); two documents sharing a key are candidate copies,
            with the same odds as in :func:`mark_relays`.
    """

    shingles: frozenset[str]
    keys: tuple[int, ...]


def fingerprint(text: str) -> Fingerprint | None:
    """The shingles and LSH band keys of a text; None when it is too short to compare."""
    shingles = _shingles(text)
    if len(shingles) < MIN_SHINGLES:
        return None
    values = _minhash(shingles).hashvalues
    bands, rows = _bands()
    keys = []
    for b in range(bands):
        digest = hashlib.blake2b(b"%d:" % b + values[b * rows:(b + 1) * rows].tobytes(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return Fingerprint(frozenset(shingles), tuple(sorted(set(keys))))


def is_copy(a: Fingerprint | set[str], b: Fingerprint | set[str]) -> bool:
    """Whether two documents (fingerprints or shingle sets) are copies by the containment test."""
    sa = a.shingles if isinstance(a, Fingerprint) else a
    sb = b.shingles if isinstance(b, Fingerprint) else b
    return containment(set(sa), set(sb)) >= MIN_CONTAINMENT


def older(a: Document, b: Document) -> bool:
    """Whether ``a`` was published before ``b`` (dated before undated; ties: False)."""
    return _age(a, 0)[:3] < _age(b, 0)[:3]


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    """The (bands, rows) split the LSH threshold and weights give for NUM_PERM permutations."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
    return lsh.b, lsh.r


@lru_cache(maxsize=1)
def _template():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1)  # permutations drawn once, shared


def _minhash(shingles: set[str] | frozenset[str]):
    from datasketch import MinHash

    template = _template()
    signature = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_identity, permutations=template.permutations,
                        scheme=template.scheme)
    # CRC-32 of each shingle: deterministic across runs (unlike hash()) and ten
    # times cheaper than datasketch's default SHA-1; MinHash applies its own
    # random permutations on top.
    signature.update_batch([zlib.crc32(s.encode("utf-8")) for s in shingles])
    return signature


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set's elements found in the other."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) / len(small) if small else 0.0


def _identity(value: int) -> int:
    return value


def _shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _age(doc: Document, index: int) -> tuple[int, dt.date, dt.datetime, int]:
    undated = doc.published is None
    date = doc.published or dt.date.max
    time = doc.published_time.replace(tzinfo=None) if doc.published_time else dt.datetime.max
    return (undated, date, time, index)
