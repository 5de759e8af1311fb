"""Language detection (non-English reports are errors) and near-duplicates marked as relays."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.ingest import document_from_text, ingest
from rashomon.ingest.dedup import containment, mark_relays
from rashomon.ingest.lang import MIN_CHARS, detect_language

ENGLISH = (
    "The regional administration said on Thursday that two drones had been shot down over the industrial zone "
    "overnight and that debris had damaged the roof of a warehouse. Nobody was injured, according to the "
    "emergency service, which said its crews had put out a small fire by morning.\n\n"
    "The armed forces of the other side did not comment on the report. An analyst said such attacks had become "
    "more frequent since the talks broke down in the spring."
)
PORTUGUESE = (
    "A administração regional informou na quinta-feira que dois drones foram abatidos durante a noite sobre a "
    "zona industrial e que os destroços danificaram o telhado de um armazém. Ninguém ficou ferido, segundo o "
    "serviço de emergência, que disse ter apagado um pequeno incêndio pela manhã.\n\n"
    "As forças armadas do outro lado não comentaram a informação."
)
FRENCH = (
    "L'administration régionale a indiqué jeudi que deux drones avaient été abattus pendant la nuit au-dessus de "
    "la zone industrielle et que des débris avaient endommagé le toit d'un entrepôt. Personne n'a été blessé, "
    "selon les services de secours, qui ont éteint un petit incendie dans la matinée."
)


@pytest.mark.parametrize("text, code, name", [(PORTUGUESE, "pt", "Portuguese"), (FRENCH, "fr", "French")])
def test_non_english_report_is_one_clear_error(tmp_path, text, code, name):
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "b.txt").write_text(text)
    result = ingest([tmp_path])
    assert [d.source for d in result.documents] == [str(tmp_path / "a.txt")]
    (error,) = result.errors
    assert error.source == str(tmp_path / "b.txt")
    assert error.message.startswith(f"not English: the text is in {name} ({code}")
    assert "English reports only" in error.message


def test_document_records_its_language_and_english_only_can_be_off():
    assert document_from_text(ENGLISH, source="a").language == "en"
    assert document_from_text(PORTUGUESE, source="b").language == "pt"


def test_english_only_off_keeps_other_languages(tmp_path):
    (tmp_path / "b.txt").write_text(PORTUGUESE)
    (doc,) = ingest([tmp_path], english_only=False).documents
    assert doc.language == "pt"


def test_short_texts_are_not_judged():
    short = "Dois drones abatidos."
    assert len(short) < MIN_CHARS
    language = detect_language(short)
    assert not language.judged and language.is_english


# --------------------------------------------------------------------------- near-duplicates

ORIGINAL = (
    "Artillery shells hit the outskirts of the district centre on Sunday morning, damaging a power line and "
    "leaving three villages without electricity, the head of the district administration said.\n\n"
    "He said repair crews could not reach the damaged line because the shelling continued into the afternoon, "
    "and that residents had been advised to stay in shelters until further notice.\n\n"
    "The defence ministry of the other side said its forces had struck a command post of the enemy in the area "
    "and denied targeting civilian infrastructure. Neither claim could be verified independently.\n\n"
    "The district has been shelled almost daily since the beginning of the month, officials said."
)
SYNDICATED = ("Border Daily\n\nShare this:\n\n" + ORIGINAL.split("\n\n", 1)[1]
              + "\n\nSource: Example Wire")  # a copy without the lead, framed by another site
REWRITE = (ORIGINAL.replace("Sunday morning", "Sunday").replace("the head of the district administration said",
                                                                   "district officials said")
           .replace("residents had been advised", "people were told"))
INDEPENDENT = (
    "Drones attacked a fuel depot near the regional capital on Sunday, setting two tanks on fire, the governor "
    "said, adding that firefighters had contained the blaze by the evening and that nobody had been hurt.\n\n"
    "The armed forces of the other side said they had destroyed a depot used to supply front-line units."
)


def test_copies_and_rewrites_are_relays_of_the_earliest(tmp_path):
    files = {"1-copy.txt": SYNDICATED, "2-original.txt": ORIGINAL, "3-rewrite.txt": REWRITE,
             "4-independent.txt": INDEPENDENT}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = ingest([tmp_path / name for name in files], published=None)
    copy, original, rewrite, independent = result.documents
    # no dates: the first in input order is the original of its group
    assert copy.relay_of is None
    assert original.relay_of == copy.id and rewrite.relay_of == copy.id
    assert independent.relay_of is None


def test_the_earliest_by_date_is_the_original():
    docs = [
        document_from_text(SYNDICATED, source="copy", published=dt.date(2024, 3, 4)),
        document_from_text(ORIGINAL, source="original", published=dt.date(2024, 3, 3)),
        document_from_text(REWRITE, source="rewrite"),  # undated: after the dated ones
        document_from_text(INDEPENDENT, source="other", published=dt.date(2024, 3, 1)),
    ]
    copy, original, rewrite, other = mark_relays(docs)
    assert original.relay_of is None
    assert copy.relay_of == original.id and rewrite.relay_of == original.id
    assert other.relay_of is None


def test_dedup_can_be_turned_off(tmp_path):
    (tmp_path / "a.txt").write_text(ORIGINAL)
    (tmp_path / "b.txt").write_text(REWRITE)
    assert all(d.relay_of is None for d in ingest([tmp_path], dedup=False).documents)


def test_short_documents_are_not_compared():
    short = "Shelling reported near the border, officials said."
    docs = [document_from_text(short + " One.", source="a"), document_from_text(short + " Two.", source="b")]
    assert [d.relay_of for d in mark_relays(docs)] == [None, None]


def test_containment():
    assert containment({"a", "b"}, {"a", "b", "c", "d"}) == 1.0
    assert containment({"a", "b", "c", "d"}, {"a", "x"}) == 0.5
    assert containment(set(), {"a"}) == 0.0
