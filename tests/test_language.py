"""language.doc_text: the cached text of a Doc (a blank tokenizer, no model needed)."""

from __future__ import annotations

import spacy

from rashomon.language import doc_text


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
