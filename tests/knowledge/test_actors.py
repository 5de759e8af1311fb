"""Tests of the actor base: shipped data, the matcher, claimant resolution and pack errors."""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

import pytest
import yaml

from rashomon.knowledge.actors import ActorBase, ActorMatch, ActorPackError


@pytest.fixture(scope="module")
def base() -> ActorBase:
    return ActorBase.default()


# --------------------------------------------------------------------------- resolve: claimant phrases


# phrase, expected side, expected actor id (None: any), expected kind (None: any)
RESOLVE_CASES = [
    # Armenia-Azerbaijan, as the seed outlets write them
    ("the Artsakh Defense Ministry", "armenian", "NKR.mod", "institution"),
    ("The press service of Artsakh Defense Ministry", "armenian", "NKR.mod", "institution"),
    ("The Defence Ministry of the unrecognised Nagorno-Karabakh Republic", "armenian", "NKR.mod", "institution"),
    ("the Azerbaijani Defense Ministry", "azerbaijani", "AZ.mod", "institution"),
    ("Azerbaijan`s Defense Ministry", "azerbaijani", "AZ.mod", "institution"),
    ("Azerbaijan's Defence Ministry", "azerbaijani", "AZ.mod", "institution"),
    ("Azerbaijan\u2019s Defence Ministry", "azerbaijani", "AZ.mod", "institution"),
    ("Baku", "azerbaijani", "AZ.government", "institution"),
    ("Azerbaijan", "azerbaijani", "AZ", "country"),
    ("the Azeri side", "azerbaijani", None, None),
    ("Spokesperson for the Armenian Ministry of Defence, Aram Torosyan", "armenian", "AM.mod", "institution"),
    ("spokesman for the Armenian Ministry of Defense Aram Torosyan", "armenian", "AM.mod", "institution"),
    ("Armenian Foreign Ministry spokesman Tigran Balayan", "armenian", "AM.mfa", "institution"),
    ("Defense Ministry of Armenia", "armenian", "AM.mod", "institution"),
    ("Armenian analyst Anna Mkrtchyan", "armenian", None, "person"),
    ("the Karabakh side", "armenian", None, None),
    ("Stepanakert", "armenian", "NKR.government", "institution"),
    ("Artsakh forces", "armenian", "NKR.armed_forces", "armed_force"),
    ("illegal Armenian armed formations", "armenian", "AM.armed_forces", "armed_force"),
    (
        "The Co-Chairs of the OSCE Minsk Group (Ambassadors Ivan Petrenko of Russia, Luc Martel of France and "
        "John Carver of the United States of America)",
        "neutral",
        "OSCE.MG",
        "international",
    ),
    ("Personal Representative of the OSCE Chairman-in-Office", "neutral", "OSCE.PRCIO", "international"),
    # internationals
    ("the International Committee of the Red Cross", "neutral", "ICRC", "international"),
    ("ICRC", "neutral", "ICRC", "international"),
    ("UN Secretary-General", "neutral", "UN.SG", "international"),
    ("NATO", "neutral", "NATO", "international"),
    ("the EU", "neutral", "EU", "international"),
    ("Council of Europe Secretary General", "neutral", "CoE", "international"),
    # Russia-Ukraine
    ("Ukraine's General Staff", "ukrainian", "UA.general_staff", "armed_force"),
    ("the Russian Defence Ministry", "russian", "RU.mod", "institution"),
    ("Kremlin", "russian", "RU.president", "institution"),
    ("Kyiv", "ukrainian", "UA.government", "institution"),
    ("Kiev", "ukrainian", "UA.government", "institution"),
    ("Moscow", "russian", "RU.government", "institution"),
    ("the Kyiv regime", "ukrainian", "UA.government", "institution"),
    ("Wagner fighters", "russian", "wagner", None),
    ("DPR militia", "russian", None, None),
    ("Ukrainian President Volodymyr Zelenskyy", "ukrainian", "UA.president", "institution"),
    # India-Pakistan
    ("Pakistan's military spokesman", "pakistani", "PK.armed_forces", "armed_force"),
    ("ISPR", "pakistani", "PK.ispr", None),
    ("India's Foreign Secretary", "indian", "IN.mfa", "institution"),
    ("New Delhi", "indian", "IN.government", "institution"),
    # Israel-Palestine
    ("IDF", "israeli", "IL.armed_forces", "armed_force"),
    ("Israeli army", "israeli", "IL.armed_forces", "armed_force"),
    ("Hamas", "palestinian", "hamas", "group"),
    ("Palestinian health ministry in Gaza", "palestinian", "PS.health", "institution"),
    ("the Gaza Health Ministry", "palestinian", "PS.health", "institution"),
    # Sudan, Somalia, Ethiopia, Kyrgyzstan-Tajikistan
    ("RSF", "rsf", "rsf", None),
    ("Rapid Support Forces", "rsf", "rsf", None),
    ("Sudanese Armed Forces", "saf", "SD.armed_forces", "armed_force"),
    ("al-Shabaab", "al_shabaab", "al-shabaab", None),
    ("Al Shabaab militants", "al_shabaab", "al-shabaab", None),
    ("Somali National Army", "somali", "SO.armed_forces", "armed_force"),
    ("TPLF", "tigrayan", "tplf", None),
    ("Tigrayan forces", "tigrayan", "ET-TI.armed_forces", "armed_force"),
    ("Tigray's regional government", "tigrayan", "ET-TI.government", None),
    ("ENDF", "ethiopian", "ET.armed_forces", "armed_force"),
    ("the Kyrgyz border service", "kyrgyz", "KG.border_service", "armed_force"),
    ("Tajik border guards", "tajik", "TJ.border_service", "armed_force"),
    ("Border Service of the State Committee for National Security of the Kyrgyz Republic", "kyrgyz",
     "KG.border_service", "armed_force"),  # fmt: skip
    # elsewhere
    ("Maia Sandu, President of the Republic of Moldova", "moldovan", "MD.president", "institution"),
    ("the French Foreign Ministry", "french", "FR.mfa", "institution"),
    ("White House", "american", "US.president", "institution"),
    ("an Armenian official", "armenian", "AM.official", "person"),
    ("Sudanese general Abdel Fattah al Burhan", "saf", "SD.person.Abdel_Fattah_al-Burhan", "person"),
    ("Hemedti", "rsf", "rsf.person.Mohamed_Hamdan_Dagalo", "person"),
    ("Azerbaijani sources", "azerbaijani", "AZ.sources", "group"),
]


@pytest.mark.parametrize(("phrase", "side", "actor_id", "kind"), RESOLVE_CASES)
def test_resolve_claimant_phrases(
    base: ActorBase, phrase: str, side: str, actor_id: str | None, kind: str | None
) -> None:
    actor = base.resolve(phrase)
    assert actor is not None, phrase
    assert actor.side == side
    if actor_id is not None:
        assert actor.id == actor_id
    if kind is not None:
        assert actor.kind == kind


@pytest.mark.parametrize("phrase", ["a local resident", "the ministry", "", "officials said", "the un said", "Tigray"])
def test_resolve_unknown_is_none(base: ActorBase, phrase: str) -> None:
    assert base.resolve(phrase) is None


def test_resolved_names_read_as_institutions(base: ActorBase) -> None:
    assert base.resolve("the Azerbaijani Defense Ministry").name == "Azerbaijani Ministry of Defence"
    person = base.resolve("Armenian analyst Anna Mkrtchyan")
    assert (person.name, person.country) == ("Anna Mkrtchyan", "AM")


# --------------------------------------------------------------------------- find


def test_find_offsets_order_and_no_overlap(base: ActorBase) -> None:
    text = (
        "STEPANAKERT -- The Artsakh Defense Ministry said on Saturday that Azerbaijani forces shelled its positions, "
        "while Azerbaijan\u2019s Defence Ministry blamed \u201cArmenian armed formations\u201d. The OSCE Minsk Group "
        "and the ICRC called for restraint; Reuters could not verify either account (ArmRadio)."
    )
    matches = base.find(text)
    for m in matches:
        assert isinstance(m, ActorMatch)
        assert text[m.start : m.end] == m.text
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:]))
    assert [m.actor.id for m in matches] == [
        "NKR.government", "NKR.mod", "AZ.armed_forces", "AZ.mod", "AM.armed_forces", "OSCE.MG", "ICRC", "reuters",
        "armradio",
    ]  # fmt: skip
    assert matches[1].role == "mod" and matches[5].role is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the UN said", ["UN"]),
        ("un paso", []),
        ("the EU and Nato", ["EU", "NATO"]),
        ("we asked the rsf", []),
        ("the RSF said", ["rsf"]),
        ("MoD sources in Yerevan", ["AM.government"]),
    ],
)
def test_acronyms_are_case_sensitive(base: ActorBase, text: str, expected: list[str]) -> None:
    assert [m.actor.id for m in base.find(text)] == expected


def test_capitalised_names_need_a_capital_but_nouns_do_not(base: ActorBase) -> None:
    assert base.find("the male nurse in chad") == []
    assert [m.actor.id for m in base.find("the azerbaijani defence ministry")] == []
    assert [m.actor.id for m in base.find("the Azerbaijani defence ministry")] == ["AZ.mod"]
    assert [m.actor.id for m in base.find("THE AZERBAIJANI DEFENCE MINISTRY")] == ["AZ.mod"]


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "`", "\u02bc"])
def test_possessive_with_any_apostrophe(base: ActorBase, apostrophe: str) -> None:
    (match,) = base.find(f"Azerbaijan{apostrophe}s Defense Ministry said")
    assert (match.actor.id, match.text) == ("AZ.mod", f"Azerbaijan{apostrophe}s Defense Ministry")


def test_longest_match_wins(base: ActorBase) -> None:
    assert [m.actor.id for m in base.find("the Artsakh Defense Army")] == ["NKR.armed_forces"]
    assert [m.actor.id for m in base.find("Public Radio of Armenia reported")] == ["armradio"]
    assert [m.actor.id for m in base.find("the Kyiv Independent reported")] == ["kyivindependent"]
    assert [m.actor.id for m in base.find("Sudan and South Sudan")] == ["SD", "SS"]


def test_stop_phrases_block_shorter_names(base: ActorBase) -> None:
    assert base.find("ships in the Sea of Azov") == []
    assert [m.actor.id for m in base.find("Azov fighters")] == ["azov"]


def test_capitals_and_metonyms_carry_the_government_role(base: ActorBase) -> None:
    (match,) = base.find("Moscow denied it")
    assert (match.actor.id, match.role) == ("RU.government", "government")


def test_context_only_names_need_an_institution(base: ActorBase) -> None:
    assert base.find("fighting in Karabakh") == []
    assert [m.actor.id for m in base.find("the Karabakh defence ministry")] == ["NKR.mod"]


# --------------------------------------------------------------------------- sides, countries, outlets, get


def test_sides_and_opponents(base: ActorBase) -> None:
    pairs = {
        "armenian": "azerbaijani", "russian": "ukrainian", "israeli": "palestinian", "indian": "pakistani",
        "kyrgyz": "tajik", "ethiopian": "tigrayan", "saf": "rsf", "somali": "al_shabaab",
    }  # fmt: skip
    for a, b in pairs.items():
        assert base.opponent(a) == b and base.opponent(b) == a
    assert base.opponent("neutral") is None
    assert base.opponent("french") is None
    assert base.opponent("nonsense") is None
    assert set(pairs) | set(pairs.values()) | {"neutral", "french", "american"} <= base.sides()
    assert all(len(sides) == 2 for sides in base.packs().values())


def test_side_of_country(base: ActorBase) -> None:
    assert base.side_of_country("AM") == "armenian"
    assert base.side_of_country("az") == "azerbaijani"
    assert base.side_of_country("SD") == "saf"
    assert base.side_of_country("FR") == "french"
    assert base.side_of_country("KR") == "south_korean"
    assert base.side_of_country("XX") is None
    assert base.side_of_country("NKR") is None  # a de facto state is no ISO country


def test_every_un_member_is_a_country_with_its_own_side(base: ActorBase) -> None:
    path = resources.files("rashomon.knowledge").joinpath("actors", "countries.yaml")
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))["countries"]
    members = [r["iso2"] for r in rows if r.get("un", True)]
    assert len(members) == len(set(members)) == 193
    assert {"XK", "TW", "PS", "EH", "VA"} <= {r["iso2"] for r in rows}
    pack_sides = {s for sides in base.packs().values() for s in sides}
    own = [base.side_of_country(r["iso2"]) for r in rows if base.side_of_country(r["iso2"]) not in pack_sides]
    assert len(own) == len(set(own)) and "neutral" not in own
    for r in rows:
        actor = base.get(r["iso2"])
        assert (actor.kind, actor.country) == ("country", r["iso2"])


@pytest.mark.parametrize(
    ("query", "expected", "side"),
    [
        ("Asbarez", "asbarez", "armenian"),
        ("asbarez.com", "asbarez", "armenian"),
        ("https://www.asbarez.com/2017/02/25/story/", "asbarez", "armenian"),
        ("ArmRadio", "armradio", "armenian"),
        ("en.armradio.am", "armradio", "armenian"),
        ("commonspace.eu", "commonspace", "neutral"),
        ("Azertac", "azertac", "azerbaijani"),
        ("Trend", "trend", "azerbaijani"),
        ("News.az", "news.az", "azerbaijani"),
        ("The Times of Israel", "timesofisrael", "israeli"),
        ("TASS", "tass", "russian"),
        ("Ukrinform", "ukrinform", "ukrainian"),
        ("Dawn", "dawn", "pakistani"),
        ("ISPR", "PK.ispr", "pakistani"),
        ("PTI", "pti", "indian"),
        ("WAFA", "wafa", "palestinian"),
        ("Reuters", "reuters", "neutral"),
    ],
)
def test_outlet_lookup(base: ActorBase, query: str, expected: str, side: str) -> None:
    outlet = base.outlet(query)
    assert outlet is not None and (outlet.id, outlet.side) == (expected, side)


@pytest.mark.parametrize("query", ["", "Some Blog", "example.com", "Armenia"])
def test_outlet_unknown(base: ActorBase, query: str) -> None:
    assert base.outlet(query) is None


def test_get_explicit_derived_and_unknown(base: ActorBase) -> None:
    assert base.get("OSCE.MG").side == "neutral"
    french = base.get("FR.mod")
    assert (french.name, french.side, french.kind) == ("French Ministry of Defence", "french", "institution")
    assert french.country == "FR"
    assert base.get("AM.person.Anna_Mkrtchyan").name == "Anna Mkrtchyan"
    assert base.get("side.armenian").side == "armenian"
    with pytest.raises(KeyError):
        base.get("XX.mod")
    with pytest.raises(KeyError):
        base.get("FR.nonsense")


def test_every_resolved_actor_can_be_fetched_again(base: ActorBase) -> None:
    for phrase, *_ in RESOLVE_CASES:
        actor = base.resolve(phrase)
        assert base.get(actor.id) == actor


def test_shipped_packs_never_override_each_other(base: ActorBase) -> None:
    assert base._t.overrides == []


def test_default_is_loaded_once_and_fast() -> None:
    start = time.perf_counter()
    first = ActorBase.default()
    assert ActorBase.default() is first
    assert time.perf_counter() - start < 2.0  # about 0.1 s cold on a laptop; generous for CI


# --------------------------------------------------------------------------- user packs


def _write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


USER_PACK = """\
id: example-conflict
name: An example conflict
sides:
  - id: northern
    name: Northern side
    parties:
      - {id: NF, name: Northern Front, kind: country, demonyms: [Northerner], capital: Nordburg}
  - id: southern
    name: Southern side
    parties:
      - {id: southern-army, name: Southern Army, kind: armed_force, aliases: [SA, Southern Army]}
outlets:
  - {id: nordpost, name: Nord Post, domains: [nordpost.example], side: northern, aliases: [Nord Post]}
actors:
  - {id: rwb-user, name: Reporters Without Borders (RSF), kind: international, side: neutral, aliases: [RSF]}
"""


def test_user_pack_adds_sides_actors_and_overrides(tmp_path: Path) -> None:
    base = ActorBase.load([_write(tmp_path, USER_PACK)])
    assert base.opponent("northern") == "southern"
    assert base.resolve("the Northerner defence ministry").id == "NF.mod"
    assert base.resolve("Nordburg").side == "northern"
    assert base.resolve("the SA said").id == "southern-army"
    assert base.outlet("nordpost.example").id == "nordpost"
    assert base.resolve("RSF").id == "rwb-user"  # a user alias overrides a shipped one
    assert ActorBase.default().resolve("RSF").id == "rsf"  # and does not leak into the shared default


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("actors:\n  - {name: No Id, kind: group}\n", 2, "without `id`"),
        ("outlets:\n  - {id: x, name: X}\n", 2, "without `side`"),
        ("actors:\n  - {id: x, name: X, kind: group, side: martian}\n", 2, "unknown side 'martian'"),
        (
            "id: p\nsides:\n  - id: a\n    name: A\n    parties:\n      - {id: g1, name: G1, aliases: [Same Name]}\n"
            "  - id: b\n    name: B\n    parties:\n      - {id: g2, name: G2, aliases: [Same Name]}\n",
            10,
            "duplicate alias 'Same Name'",
        ),
        ("id: p\nsides:\n  - id: a\n    name: A\n    parties:\n      - {country: QQ}\n", 6, "unknown country 'QQ'"),
        (
            "id: p\nsides:\n  - id: a\n    name: A\n    parties:\n      - country: FR\n        institutions:\n"
            "          - {role: navy_yard}\n",
            8,
            "unknown role 'navy_yard'",
        ),
        ("id: p\nsides:\n  - id: armenian\n    name: A\n", 3, "side id 'armenian'"),
        ("actors:\n  - {id: x, name: X, kind: group, colour: red}\n", 2, "unknown key `colour`"),
        ("actors:\n  - {id: x, name: X, kind: group}\n  - {id: x, name: Y, kind: group}\n", 3, "given twice"),
        ("actors:\n  - {id: x, name: X, kind: group\n", 3, "invalid YAML"),
        ("actors:\n  - {id: x, name: X, kind: group, kind: person}\n", 2, "duplicate key `kind`"),
        ("favourites: [1]\n", 1, "unknown top-level key `favourites`"),
        ("- just a list\n", 1, "must be a mapping"),
        ("metonyms:\n  - {actor: ZZ.mod, aliases: [Zedville]}\n", 2, "unknown actor 'ZZ.mod'"),
    ],
)
def test_malformed_pack_names_file_line_and_problem(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ActorPackError) as info:
        ActorBase.load([path])
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert fragment in message


def test_missing_pack_file(tmp_path: Path) -> None:
    with pytest.raises(ActorPackError, match="cannot read"):
        ActorBase.load([tmp_path / "absent.yaml"])


@pytest.mark.parametrize("text", ["Fighting resumed near Kismayo in Lower Juba.", "The Middle Juba region was calm.",
                                  "Floods hit New Mexico."])
def test_region_named_after_a_capital_or_country_is_not_that_country(text):
    """A region that shares a word with another country's capital or name ("Lower Juba") is no mention of it."""
    assert ActorBase.default().find(text) == []


def test_capital_alone_still_names_its_government():
    assert [m.actor.id for m in ActorBase.default().find("Talks were held in Juba.")] == ["SS.government"]
