"""Document similarity: features, contrasted vectors and clustering on small invented batches."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from rashomon.similarity import (
    cluster_documents,
    contrast_vectors,
    document_features,
    link_scores,
    tfidf_matrix,
)

# Two earthquakes of the same kind, reported in the same words, told apart by place, toll and day.
QUAKE_NORTH = [
    "A magnitude 6.2 earthquake struck Velmora on Tuesday , killing 14 people .\n"
    "Rescuers in Velmora searched collapsed houses , officials said .",
    "The earthquake that hit Velmora killed 14 people and injured dozens , the governor Tarsic said .\n"
    "The 6.2 quake was felt across the valley .",
    "Rescue teams reached Velmora after the 6.2 earthquake .\n"
    "Governor Tarsic said 14 people died and schools would stay closed .",
]
QUAKE_SOUTH = [
    "A magnitude 5.4 earthquake struck Orandel on Friday , killing 3 people .\n"
    "Residents of Orandel slept outside , officials said .",
    "The earthquake that hit Orandel killed 3 people , the mayor Quillan said .\n"
    "The 5.4 quake damaged the old harbour .",
    "Aftershocks shook Orandel a day after the 5.4 earthquake .\n"
    "Mayor Quillan said 3 people died and the harbour was closed .",
]


def bags(texts):
    return [document_features(t) for t in texts]


def test_features_names_and_numbers():
    bag = document_features("Troops entered Velmora on 3 May .\nThe mayor Quillan counted 1,200 displaced .")
    assert bag["name:velmora"] > 0 and bag["name:quillan"] > 0
    assert "name:troops" not in bag and "name:the" not in bag  # sentence openers are not names
    assert bag["num:1200"] > 0 and bag["num:3"] > 0  # thousands separators dropped


def test_raw_text_words_lose_their_punctuation():
    assert document_features("Shelling hit the town, killing two.") == document_features(
        "Shelling hit the town , killing two .")


def test_quoted_sentence_opener_is_not_a_name():
    bag = document_features('He left .\n" Nobody knew , " said Arlen Voss .')
    assert "name:nobody" not in bag
    assert bag["name:arlen"] > 0 and bag["name:voss"] > 0


def test_two_earthquakes_in_different_places_are_told_apart():
    clusters = cluster_documents(bags(QUAKE_NORTH + QUAKE_SOUTH))
    assert sorted(clusters) == [[0, 1, 2], [3, 4, 5]]


def test_reports_of_one_event_stay_together():
    # contrast removes what the batch shares; a batch about one event must not split on what is left
    assert cluster_documents(bags(QUAKE_NORTH)) == [[0, 1, 2]]
    # a copy of one report makes it the batch's main difference; plain cosine (PLAIN_SURE) keeps it in
    assert cluster_documents(bags(QUAKE_NORTH + QUAKE_NORTH[:1])) == [[0, 1, 2, 3]]
    assert cluster_documents(bags(QUAKE_NORTH + QUAKE_NORTH[:1]), sure=2.0) == [[0, 3], [1, 2]]


def test_unrelated_documents_stay_apart():
    # nothing in common: contrasted they look evenly spread, the plain-cosine floor keeps them apart
    texts = [
        "The orchestra played three symphonies at the summer festival .",
        "Wheat prices rose after the harvest failed in the plains .",
        "The striker scored twice as the club won the cup final .",
    ]
    assert sorted(cluster_documents(bags(texts))) == [[0], [1], [2]]


def test_two_documents_use_plain_cosine():
    assert cluster_documents(bags(QUAKE_NORTH[:2])) == [[0, 1]]
    assert sorted(cluster_documents(bags([QUAKE_NORTH[0], "Wheat prices rose after the harvest failed ."]))) == [
        [0], [1]]
    assert cluster_documents([]) == []
    assert cluster_documents(bags(QUAKE_NORTH[:1])) == [[0]]


def test_contrast_cancels_what_the_batch_shares():
    north, south = Counter(quake=1, north=1), Counter(quake=1, south=1)
    c = contrast_vectors(tfidf_matrix([north, north, south, south]))
    assert np.allclose(np.linalg.norm(c, axis=1), 1.0)
    assert np.allclose(c[:, 0], 0.0)  # "quake" is in every document: no weight left
    assert c[0] @ c[1] == pytest.approx(1.0) and c[0] @ c[2] == pytest.approx(-1.0)


def test_scores_are_scaled_by_batch_size():
    # a batch of identical-but-one documents: scaled scores stay comparable when the batch grows
    for n in (4, 8):
        contrasted, plain = link_scores([Counter(quake=1, north=1)] * (n - 1) + [Counter(quake=1, south=1)])
        assert contrasted[0, 1] > 0 > contrasted[0, n - 1]
        assert contrasted[0, n - 1] == pytest.approx(-(n - 1), rel=1e-6)
        assert plain[0, 0] == pytest.approx(1.0)
