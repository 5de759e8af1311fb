import pytest

from rashomon.quantities import parse_count, words_to_int


@pytest.mark.parametrize(
    "phrase, plural, expected",
    [
        ("at least 2 servicemen", True, (2, None)),
        ("five servicemen", True, (5, 5)),
        ("a number of Indian soldiers", True, (1, None)),
        ("up to 5 people", True, (0, 5)),
        ("nearly two hundred civilians", True, (180, 200)),
        ("dozens of people", True, (12, None)),
        ("tens of civilians", True, (10, None)),
        ("hundreds of residents", True, (100, None)),
        ("a dozen soldiers", True, (12, 12)),
        ("more than 10 soldiers", True, (10, None)),
        ("between 3 and 5 people", True, (3, 5)),
        ("1,200 troops", True, (1200, 1200)),
        ("soldiers", True, (1, None)),
        ("a soldier", False, (1, 1)),
        ("two hundred and fifty", True, (250, 250)),
        ("several fighters", True, (2, None)),
        ("no one", False, (0, 0)),
        ("nobody", False, (0, 0)),
        ("none of the guards", True, (0, 0)),
        ("one guard", False, (1, 1)),
    ],
)
def test_parse_count(phrase, plural, expected):
    count = parse_count(phrase, plural=plural)
    assert (count.min, count.max) == expected
    assert count.text == phrase


@pytest.mark.parametrize("text, value", [("twenty one", 21), ("3", 3), ("a hundred", 100), ("two thousand", 2000), ("blue", None)])
def test_words_to_int(text, value):
    assert words_to_int(text) == value
