"""Writers of tiny evaluation sets in each task's layout (own text, never copied from the real sets)."""

from __future__ import annotations

from pathlib import Path

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-05" temporalFunction="false" \
functionInDocument="CREATION_TIME">March 5, 1998</TIMEX3></DCT>
<TEXT>
The talks ended on <TIMEX3 tid="t1" type="DATE" value="1998-03-03">March 3, 1998</TIMEX3>. Officials met \
<TIMEX3 tid="t2" type="DATE" value="1998-03-03">yesterday</TIMEX3> for <TIMEX3 tid="t3" type="DURATION" \
value="PT2H">two hours</TIMEX3> and will meet again <TIMEX3 tid="t4" type="DATE" value="1998-04">next \
month</TIMEX3>.
</TEXT>
</TimeML>
"""


def write_time_set(root: Path) -> Path:
    """One .tml file, nested: gold DATE 3 (one with a wrong-looking value), DURATION 1.

    find_times finds "March 3, 1998" (1998-03-03, right), "yesterday" (1998-03-04 against gold
    1998-03-03) and "next month" (1998-04, right). So: recognition P 1, R 1, F1 1; value P 2/3, R 2/3, F1 2/3.
    """
    folder = root / "timeml" / "part"
    folder.mkdir(parents=True)
    (folder / "doc1.tml").write_text(TML, encoding="utf-8")
    return root / "timeml"


def cromer(name: str, sentences: list[str]) -> str:
    tokens, t_id = [], 0
    for s, sentence in enumerate(sentences):
        for k, word in enumerate(sentence.split()):
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{s}" number="{k}">{word}</token>')
    body = "\n".join(tokens)
    return f'<Document doc_name="{name}" doc_id="DOC{t_id}">\n{body}\n<Markables/>\n<Relations/>\n</Document>\n'


QUAKE = [
    "A strong earthquake struck northern Chile on Monday , killing dozens of villagers .",
    "Rescue teams searched collapsed houses after the earthquake shook the mining towns of Chile .",
]
QUAKE2 = [
    "Dozens of villagers died when the earthquake hit Chile , rescue teams said .",
    "The earthquake damaged houses across the mining towns .",
]
REHAB = [
    "The actress checked into a rehab clinic in Malibu , her publicist confirmed .",
    "The actress thanked fans for their support during rehab treatment .",
]
REHAB2 = [
    "Her publicist said the actress entered the Malibu rehab clinic for treatment .",
    "Fans sent support to the actress at the clinic .",
]


def write_linking_set(root: Path) -> Path:
    """One topic: two ecb documents about an earthquake, two ecbplus documents about a rehab stay."""
    topic = root / "ECB+" / "7"
    topic.mkdir(parents=True)
    for name, text in (("7_1ecb.xml", QUAKE), ("7_2ecb.xml", QUAKE2),
                       ("7_1ecbplus.xml", REHAB), ("7_2ecbplus.xml", REHAB2)):
        (topic / name).write_text(cromer(name, text), encoding="utf-8")
    return root
