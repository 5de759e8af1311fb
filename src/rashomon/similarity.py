"""Lexical similarity of documents: TF-IDF over content words, dates, places, names and numbers.

The default text-similarity evidence for linking reports of one event (no model
needed; sentence embeddings can replace it where the optional extra is
installed). Used by the incident linker to choose among clusters when a
mention names no place, and by ``rashomon eval linking`` to group whole
documents into events.

Documents gathered together (one search, one feed, one ECB+ topic) share most of
their vocabulary: two earthquake reports both say "earthquake", "magnitude",
"struck". Plain cosine then says every pair is alike, and one threshold cannot
both keep two earthquakes apart and keep one earthquake's reports together.
:func:`contrast_vectors` subtracts what the batch shares (its mean vector), so
what is left is what sets a document apart from the batch, and reports of one
event are alike in that remainder (the same town, the same toll, the same day)
while reports of different events point opposite ways.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from rashomon.knowledge.gazetteer import Gazetteer
from rashomon.timex import find_times

# ----------------------------------------------------------------- calibrated constants
# Calibration (rashomon eval linking, ECB+ development copy, topics 1-35; 33 topics of
# two events each): every constant below was swept on the odd-numbered topics only,
# then checked once on the even-numbered ones; the figures are quoted with each.
#
#: Two clusters merge while their average contrasted score (see :func:`link_scores`:
#: cosine of contrasted vectors times n-1) is at least this. For a batch about one
#: event the contrasted scores average about -1 (the mean is subtracted, so each
#: document's similarities to the others sum to minus its own); for two events the
#: scores across them fall well below. Sweep on the odd topics (B³ F1): 0.891 at -3,
#: 0.947 at -2, a plateau of 0.969 from -1.75 to -1.25, 0.964 at -1, 0.926 at -0.75;
#: -1.5 is the plateau's middle. Check on the even topics: 0.970 (CoNLL 0.969);
#: all 33 topics: B³ 0.970, CoNLL 0.973 (plain cosine at its best, 0.889 / 0.879).
LINK_THRESHOLD = -1.5
#: With fewer than 3 documents there is nothing to contrast against (two centred
#: vectors are always opposite), so plain TF-IDF cosine decides, at this threshold.
#: Calibrated as a same-event test on every pair of documents within an odd topic
#: (the hard case: same kind of event, same words): pair F1 0.835 at 0.10, 0.847 at
#: 0.12, 0.822 at 0.15, 0.690 at 0.20; checked on the even topics: 0.864 at 0.12.
PLAIN_THRESHOLD = 0.12
#: However alike their contrasted vectors, two clusters never merge while their
#: average plain cosine is below this: contrast sees only differences within the
#: batch, so a batch of unrelated documents would otherwise look like one event.
#: ECB+ topics share their vocabulary, so the odd topics' B³ F1 is the same (0.969)
#: for every floor from -1 to 0.05, then falls (0.965 at 0.08, 0.959 at 0.10):
#: 0.05 is the largest floor that costs nothing there (even topics: unchanged too).
PLAIN_FLOOR = 0.05
#: Two clusters whose average plain cosine is at least this merge even when
#: contrast would keep them apart: within a batch about one event, a few close
#: rewrites of one report form the batch's main axis of difference, and contrast
#: alone would split them from the rest. No pair of documents of different events
#: within an odd topic reaches 0.3 (pair precision 1.000; 0.991 at 0.25), nor within
#: an even one; B³ F1 is unchanged by it on both halves (any value 0.15-0.4).
PLAIN_SURE = 0.3
#: Dates, places, names and numbers are strong evidence of the same event; each
#: counts as this many occurrences of a word. Odd topics at LINK_THRESHOLD: B³ F1
#: 0.961 at 1, 0.969 at 2, 0.965 at 3. Ablations there: without numbers 0.952,
#: without names 0.969 (names add nothing on ECB+, whose reports of two events
#: rarely share people; they are kept for conflict news, where commanders, units
#: and officials are named), without both 0.953.
ENTITY_WEIGHT = 2
#: With the optional sentence embeddings (:mod:`rashomon.embeddings`), each document's
#: row is its unit TF-IDF vector beside this weight times its unit embedding,
#: rescaled to length 1, and the same contrast and thresholds apply. Odd topics
#: (B³ F1 at LINK_THRESHOLD): 0.969 at 0 (lexical only), 0.969 at 0.25, 0.962 at
#: 0.5, 0.969 at 0.75, 0.974 at 1.0, 0.927 at 1.5; even topics at 1.0: 0.979
#: (lexical only 0.970).
EMBEDDING_WEIGHT = 1.0
#: :data:`PLAIN_SURE` for rows that hold embeddings: embedding cosines run higher
#: than TF-IDF ones (two reports of different earthquakes are alike in meaning), so
#: the "surely one event" cosine is higher. Odd topics: 0.931 at 0.4, 0.974 at 0.5
#: and above (0.5-2.0 the same); even topics at 0.5: 0.979.
EMBEDDED_SURE = 0.5

_WORD = re.compile(r"^[a-z][a-z'-]+$")
_CAPITALISED = re.compile(r"(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*))*")
_NAME = re.compile(r"^[A-Z][a-z]+(?:['’-][A-Za-z]+)*$")
_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_STRIP = "\"'“”‘’()[]{},.;:!?"


def _entity_tokens(text: str) -> tuple[list[str], list[str]]:
    """Proper-name tokens and numbers of a text.

    A name is a capitalised word that does not open a sentence (a line or the word
    after ``.``, ``!`` or ``?``) and is no stop word: sentence openers are capitalised
    whatever they are, and "The" says nothing of the event. Numbers lose their
    thousands separators so "1,200" and "1200" agree.
    """
    names: list[str] = []
    numbers: list[str] = []
    for line in text.split("\n"):
        opening = True
        for raw in line.split():
            core = raw.strip(_STRIP)
            if _NUMBER.match(core):
                numbers.append(core.replace(",", ""))
            elif not opening and _NAME.match(core) and core.lower() not in STOP_WORDS:
                names.append(core.lower())
            if raw[-1] in ".!?":
                opening = True
            elif core:  # a lone quote mark or bracket leaves the sentence opening
                opening = False
    return names, numbers


def document_features(text: str, gazetteer: Gazetteer | None = None) -> Counter[str]:
    """Content words, absolute months/years, names, numbers and known places of one document, with counts.

    Words lose the punctuation around them, so raw text ("killed," "town.") counts as
    tokenised text does.
    """
    bag: Counter[str] = Counter()
    for raw in text.lower().split():
        token = raw.strip(_STRIP)
        if _WORD.match(token) and len(token) > 2 and token not in STOP_WORDS:
            bag[token] += 1
    for line in text.split("\n"):
        for t in find_times(line, None):  # no reference: absolute dates only
            bag[f"year:{t.start.year}"] += ENTITY_WEIGHT
            if t.precision < 3 or t.start.month == t.end.month:
                bag[f"month:{t.start:%Y-%m}"] += ENTITY_WEIGHT
    names, numbers = _entity_tokens(text)
    for name in names:
        bag[f"name:{name}"] += ENTITY_WEIGHT
    for number in numbers:
        bag[f"num:{number}"] += ENTITY_WEIGHT
    if gazetteer is not None:
        for m in _CAPITALISED.finditer(text):
            hits = gazetteer.lookup(m.group(0)) if len(m.group(0)) > 2 else []
            if hits:
                bag[f"place:{hits[0].geonameid or hits[0].name}"] += ENTITY_WEIGHT
    return bag


def tfidf_vectors(bags: Sequence[Counter[str]]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors (log term frequency, smoothed idf over the given documents)."""
    n = len(bags)
    df: Counter[str] = Counter(term for bag in bags for term in bag)
    out = []
    for bag in bags:
        vec = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({t: v / norm for t, v in vec.items()})
    return out


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to length 1; all-zero rows stay zero."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def tfidf_matrix(bags: Sequence[Counter[str]]) -> np.ndarray:
    """:func:`tfidf_vectors` as a dense documents x terms array (terms in first-seen order)."""
    vecs = tfidf_vectors(bags)
    index: dict[str, int] = {}
    for vec in vecs:
        for term in vec:
            index.setdefault(term, len(index))
    matrix = np.zeros((len(vecs), len(index)))
    for row, vec in enumerate(vecs):
        for term, value in vec.items():
            matrix[row, index[term]] = value
    return matrix


def contrast_vectors(matrix: np.ndarray) -> np.ndarray:
    """Unit rows minus the batch's mean row, rescaled to unit length.

    What every document of the batch says (the kind of event, the newsroom's
    words) cancels out; what is left is what each document has that the batch on
    average has not, which is what reports of one event share and reports of
    another lack.
    """
    if len(matrix) == 0:
        return matrix
    return _unit_rows(matrix - matrix.mean(axis=0, keepdims=True))


def document_rows(bags: Sequence[Counter[str]], embeddings: np.ndarray | None = None) -> np.ndarray:
    """Unit rows of the documents: TF-IDF, or TF-IDF beside sentence embeddings (see :data:`EMBEDDING_WEIGHT`)."""
    rows = _unit_rows(tfidf_matrix(bags))
    if embeddings is None:
        return rows
    if len(embeddings) != len(rows):
        raise ValueError(f"{len(embeddings)} embeddings for {len(rows)} documents")
    return _unit_rows(np.hstack([rows, EMBEDDING_WEIGHT * _unit_rows(np.asarray(embeddings, dtype=float))]))


def link_scores(bags: Sequence[Counter[str]],
                embeddings: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(contrasted scores, plain cosines) of every pair of documents.

    The contrasted score is the cosine of :func:`contrast_vectors` times n-1 (n
    documents): each document's contrasted similarities to the others sum to about
    -1, so scaled they average about -1 whatever the batch size, and one threshold
    serves batches of 5 and of 50. ``embeddings`` (one row per document) join the
    TF-IDF rows when given.
    """
    plain_rows = document_rows(bags, embeddings)
    contrasted = contrast_vectors(plain_rows)
    return (len(bags) - 1) * (contrasted @ contrasted.T), plain_rows @ plain_rows.T


def average_linkage(scores: np.ndarray, threshold: float, *, plain: np.ndarray | None = None,
                    floor: float = PLAIN_FLOOR, sure: float = PLAIN_SURE) -> list[list[int]]:
    """Average-linkage agglomerative clusters (sorted indices), merged while the best average score >= threshold.

    With ``plain`` (pairwise plain cosines), two clusters whose average plain cosine is below
    ``floor`` are never merged, however well they score: see :data:`PLAIN_FLOOR`. Pair sums are
    kept per cluster, so a merge adds two rows instead of recomputing every average.
    """
    n = len(scores)
    members = [[i] for i in range(n)]
    sums = [np.array(scores, dtype=float)]
    if plain is not None:
        sums.append(np.array(plain, dtype=float))
    sizes = np.ones(n)
    active = np.ones(n, dtype=bool)
    off_diagonal = ~np.eye(n, dtype=bool)
    while active.sum() > 1:
        pair_sizes = np.outer(sizes, sizes)
        usable = np.outer(active, active) & off_diagonal
        avg = sums[0] / pair_sizes
        if plain is not None:
            plain_avg = sums[1] / pair_sizes
            usable &= (plain_avg >= floor) & ((avg >= threshold) | (plain_avg >= sure))
        else:
            usable &= avg >= threshold
        if not usable.any():
            break
        i, j = sorted(np.unravel_index(int(np.argmax(np.where(usable, avg, -np.inf))), avg.shape))
        for s in sums:
            s[i, :] += s[j, :]
            s[:, i] += s[:, j]
        sizes[i] += sizes[j]
        active[j] = False
        members[i] += members[j]
    return [sorted(members[i]) for i in range(n) if active[i]]


def cluster_documents(bags: Sequence[Counter[str]], threshold: float = LINK_THRESHOLD, *,
                      plain_threshold: float = PLAIN_THRESHOLD, floor: float = PLAIN_FLOOR,
                      sure: float | None = None, embeddings: np.ndarray | None = None) -> list[list[int]]:
    """Documents (indices) grouped by event: average linkage on contrasted scores.

    ``threshold`` applies to :func:`link_scores`' contrasted scores and ``floor`` to plain
    cosines; ``sure`` defaults to :data:`PLAIN_SURE`, or :data:`EMBEDDED_SURE` with
    ``embeddings``. Batches of fewer than 3 documents, which cannot be contrasted, use
    plain TF-IDF cosine at ``plain_threshold`` (embeddings are not calibrated for that test).
    """
    if len(bags) < 3:
        plain_rows = tfidf_matrix(bags)
        return average_linkage(plain_rows @ plain_rows.T, plain_threshold)
    if sure is None:
        sure = PLAIN_SURE if embeddings is None else EMBEDDED_SURE
    contrasted, plain = link_scores(bags, embeddings)
    return average_linkage(contrasted, threshold, plain=plain, floor=floor, sure=sure)
