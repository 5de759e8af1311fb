"""language.doc_text: the cached text of a Doc (a blank tokenizer, no model needed)."""

from __future__ import annotations

import pytest
import spacy

from rashomon.language import doc_text, entities, noun_chunks


def test_doc_text_equals_doc_text_and_is_cached() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Gunmen attacked a checkpoint near Velmora.\nTwo guards were hurt, police said.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)


def test_doc_text_ignores_a_cache_copied_from_another_doc() -> None:
    nlp = spacy.blank("en")
    first, second = nlp("A short text."), nlp("Another, somewhat longer text here.")
    doc_text(first)
    second.user_data.update(first.user_data)
    assert doc_text(second) == second.text
    assert doc_text(nlp("")) == ""


@pytest.mark.slow
def test_noun_chunks_equal_spacy_span_noun_chunks(nlp) -> None:
    doc = nlp("Rebel fighters shelled the old market in Velmora on Monday. The regional governor said "
              "three shops burned.\nA second shell hit the bus station near the northern bridge.")
    for sent in doc.sents:
        assert [(c.start, c.end) for c in noun_chunks(sent)] == [(c.start, c.end) for c in sent.noun_chunks]


@pytest.mark.slow
def test_entities_equal_spacy_span_ents(nlp) -> None:
    doc = nlp("Colonel Ardan Vesk of the Northern Brigade said on Tuesday that 40 fighters crossed into "
              "Korlavia.\nThe Velmora Times reported two more attacks near Ostrava in March 2024.")
    spans = [*doc.sents, doc[0:3], doc[2:9], doc[:], doc[len(doc):]]
    for span in spans:
        got = [(e.start, e.end, e.label_, e.start_char, e.end_char) for e in entities(span)]
        assert got == [(e.start, e.end, e.label_, e.start_char, e.end_char) for e in span.ents]
    assert entities(doc[:])  # the text has entities at all


@pytest.mark.slow
def test_lemmas_on_demand_equal_the_lemmatizer_component(nlp) -> None:
    import spacy as _spacy

    from rashomon.language import MODEL_NAMES, lemma_of

    text = ("Officials said rebels had shot two guards and were fleeing; the ministry denied it, "
            "telling reporters that troops found the bodies.\nShe saw the wounded being carried away.")
    assert "lemmatizer" not in nlp.pipe_names  # left out of load_nlp's pipeline, found on demand
    full = next(_spacy.load(n) for n in MODEL_NAMES if _spacy.util.is_package(n))
    assert [lemma_of(t) for t in nlp(text)] == [t.lemma_ for t in full(text)]
    assert lemma_of(full(text)[1]) == "say"  # a lemma the pipeline set is returned as is
