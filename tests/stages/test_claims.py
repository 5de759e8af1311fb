"""Claims stage: one sentence per construction, written for these tests."""

from __future__ import annotations

import pytest

from rashomon.claims import find_claims, find_quotes
from rashomon.model import ClaimMode

pytestmark = pytest.mark.slow


@pytest.fixture
def claims(nlp, actors, make_doc):
    def _claims(text: str, outlet: str | None = "Example Wire"):
        document = make_doc(text, outlet=outlet)
        found = find_claims(document, nlp(text), actors=actors)
        for c in found:
            assert text[c.start:c.end] == c.quote
            if c.claimant.span:
                assert text[c.claimant.span.start:c.claimant.span.end] == c.claimant.span.text
            if c.cue:
                assert text[c.cue.start:c.cue.end] == c.cue.text
        return found
    return _claims


@pytest.mark.parametrize(
    "text, side, mode, cue, content_start",
    [
        ("The Azerbaijani Defence Ministry said that Armenian units shelled the village.", "azerbaijani",
         ClaimMode.INDIRECT, "said", "that Armenian units"),
        ("“Our positions came under fire overnight,” the Armenian Defence Ministry said.", "armenian",
         ClaimMode.DIRECT, "said", "“Our positions"),
        ("According to Ukraine's General Staff, Russian forces launched 40 drones overnight.", "ukrainian",
         ClaimMode.ACCORDING, "According to", "Russian forces"),
        ("Russian forces shelled the town on Monday, Ukraine's General Staff reported.", "ukrainian",
         ClaimMode.INDIRECT, "reported", "Russian forces"),
        ("Pakistan's military spokesman claimed that Indian jets dropped their payload in an empty field.",
         "pakistani", ClaimMode.INDIRECT, "claimed", "that Indian jets"),
        ("The Israeli army accused Hamas of firing rockets from a school.", "israeli", None, "accused", None),
        ("Armenia claims that Azerbaijan has fired shots across its border.", "armenian", ClaimMode.INDIRECT,
         "claims", "that Azerbaijan has"),
    ],
)
def test_cued_constructions(claims, text, side, mode, cue, content_start):
    (c,) = [c for c in claims(text) if c.mode != ClaimMode.NARRATOR]
    assert c.claimant.side == side
    assert c.cue is not None and c.cue.text == cue
    if mode is not None:
        assert c.mode == mode
    if content_start is not None:
        assert c.quote.startswith(content_start)


def test_narrator_is_the_outlet(claims):
    (c,) = claims("Heavy fighting was reported near the border on Sunday.", outlet="Example Wire")
    assert c.mode == ClaimMode.NARRATOR
    assert c.claimant.name == "Example Wire" and c.claimant.kind == "outlet"


def test_pronoun_and_short_name_claimants(claims):
    text = ("The Azerbaijani Defence Ministry issued a statement on Sunday. It said the enemy had retreated. "
            "The ministry added that its units held their positions.")
    found = [c for c in claims(text) if c.cue is not None]
    assert [c.claimant.side for c in found] == ["azerbaijani"] * len(found)
    assert {c.cue.text for c in found} >= {"said", "added"}


def test_a_role_of_the_body_named_before_speaks_for_that_body(claims):
    text = ("The Azerbaijani Defence Ministry said the enemy shelled Tovuz overnight. "
            "The spokesperson of the ministry reports that two soldiers were wounded.")
    found = [c for c in claims(text) if c.cue is not None]
    assert [c.claimant.side for c in found] == ["azerbaijani", "azerbaijani"]


def test_said_on_a_date_that_keeps_the_clause_as_content(claims):
    text = "Armenia's prime minister said on 14 September that 105 Armenian servicemen had been killed."
    c = next(c for c in claims(text) if c.cue is not None)
    assert c.quote == "that 105 Armenian servicemen had been killed"


def test_each_side_reporting_is_the_outlet_summing_up(claims):
    text = ("Heavy fighting broke out along the border between Velmora and Orandel shortly after midnight on "
            "Monday, with each government accusing the other of starting it and each reporting dozens of "
            "soldiers killed.")
    assert all(c.claimant.name.lower() not in ("each", "both") for c in claims(text))


def test_it_after_a_sentence_about_the_other_side_is_that_side(claims):
    text = ("Ukraine's General Staff said Russian forces shelled Kupiansk overnight. "
            "Russia's defence ministry gave a different account of the night. "
            "It said Ukrainian drones had attacked its positions near the town.")
    found = [c for c in claims(text) if c.cue is not None]
    assert [c.claimant.side for c in found] == ["ukrainian", "russian"]
    assert found[1].claimant.span.text == "It"


def test_quote_over_several_paragraphs_keeps_its_speaker(claims):
    text = ("The OSCE Minsk Group Co-Chairs released a statement on Monday.\n\n"
            "“The sides must refrain from the use of force. They accuse each other of an incursion.\n\n"
            "The Co-Chairs call on both sides to allow the recovery of the dead.”")
    found = claims(text)
    quoted = [c for c in found if c.start >= text.index("“")]
    assert quoted and all(c.claimant.side == "neutral" for c in quoted)
    assert all(c.claimant.name.startswith("The OSCE") for c in quoted)


def test_embedded_statement_after_a_colon(claims):
    text = ("The Armenian Defence Ministry wrote on its page on Saturday:\n\n"
            "We repelled two attempts of sabotage, we have no losses.\n\n"
            "Fighting continued elsewhere along the front.")
    found = claims(text)
    embedded = [c for c in found if c.mode == ClaimMode.EMBEDDED]
    assert embedded and embedded[0].quote.startswith("We repelled")
    assert embedded[0].claimant.side == "armenian"


def test_first_person_paragraph_after_a_claim(claims):
    text = ("The defence ministry of the self-proclaimed Nagorno-Karabakh Republic claimed it had killed two soldiers.\n\n"
            "We stopped two sabotage groups, our units suffered no casualties.")
    found = claims(text)
    assert found[-1].mode == ClaimMode.EMBEDDED and found[-1].claimant.side == "armenian"


def test_relay_chain_keeps_the_origin(claims):
    text = ("Azertac quotes a statement by the Azerbaijani Defence Ministry stating:\n\n"
            "\"The enemy was forced to retreat,\" the Azerbaijani Defence Ministry said.")
    found = claims(text)
    last = found[-1]
    assert last.claimant.side == "azerbaijani"
    assert any("Azertac" in r for r in last.relays)


def test_denial_points_at_the_other_sides_claim(claims):
    text = ("The Azerbaijani Defence Ministry said Armenian units attacked its positions. "
            "The Armenian Defence Ministry said the reports were false and baseless.")
    found = claims(text)
    denial = found[-1]
    assert denial.claimant.side == "armenian"
    assert denial.denies == (found[0].id,)


def test_continued_account_after_an_attribution(claims):
    text = ("Azerbaijani forces attacked Armenian positions at dawn, the Armenian Defence Ministry reported.\n\n"
            "The Armenian forces did not have any casualties.")
    found = claims(text)
    assert found[-1].mode == ClaimMode.CONTINUED and found[-1].claimant.side == "armenian"


@pytest.mark.parametrize(
    "text, spans",
    [
        ("He said “we will respond” and left.", ["“we will respond”"]),
        ("“One “nested” word,” she said.", ["“One “nested” word,”"]),
        ('A "straight" quote.', ['"straight"']),
        ("“Opened\n\nand closed later.”", ["“Opened\n\nand closed later.”"]),
        ("“First paragraph.\n\n“Second paragraph.”", ["“First paragraph.\n\n“Second paragraph.”"]),
    ],
)
def test_find_quotes(text, spans):
    assert [text[q.start:q.end] for q in find_quotes(text)] == spans


def test_cue_takes_the_adverbs_before_the_verb(claims):
    (c,) = [c for c in claims("The Eastland Defence Ministry also said that its units held the ridge.")
            if c.cue is not None]
    assert c.cue.text == "also said"


@pytest.mark.parametrize(
    "text, source, content",
    [
        ("Mara Velin: Westland Shelled The Bridge Twice.\n\nThe rest of the story follows here.",
         "Mara Velin", "Westland Shelled The Bridge Twice"),
        ("Senator Tobal on Trade: ‘We Will Not Sign This Deal.’\n\nMore text follows.",
         "Senator Tobal", "‘We Will Not Sign This Deal.’"),
    ],
)
def test_speaker_colon_line(claims, text, source, content):
    found = [c for c in claims(text) if c.cue is not None and c.cue.text == ":"]
    assert len(found) == 1
    assert found[0].claimant.span.text == source and found[0].quote == content


@pytest.mark.parametrize("text", ["The Latest: Fighting resumes near the river crossing.\n\nMore follows.",
                                  "Responding to this, Mara Velin said: we will respond.\n\nMore follows."])
def test_labels_before_a_colon_are_not_speakers(claims, text):
    assert not [c for c in claims(text) if c.cue is not None and c.cue.text == ":"]


def test_a_quote_resumed_after_its_cue_is_one_claim(claims):
    text = "“We hold the ridge,” the Eastland commander said. “The enemy has withdrawn from the valley.”"
    direct = [c for c in claims(text) if c.mode == ClaimMode.DIRECT]
    assert len(direct) == 1 and direct[0].quote == text


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("Senator Orla Brenn praised the new ceasefire agreement.", "praised", "the new ceasefire agreement"),
        ("The Westland mayor called the plan “reckless and cruel.”", "called", "the plan “reckless and cruel.”"),
        ("The Eastland envoy talked about the prisoner exchange.", "talked about", "the prisoner exchange"),
        ("The Eastland envoy called for the troops to withdraw.", "called for", "the troops to withdraw"),
        ("A new Eastland Radio poll shows the governor leading in the north.", "shows", "the governor leading in the north"),
        ("The Westland minister described the truce as a trap.", "described", "the truce as a trap"),
    ],
)
def test_stance_topic_evidence_and_description_cues(claims, text, cue, content):
    (c,) = [c for c in claims(text) if c.cue is not None]
    assert c.cue.text == cue and c.quote == content


def test_each_reporting_verb_with_its_own_clause_is_a_claim(claims):
    text = "The Eastland envoy pledged that talks would resume and said that the border would reopen."
    found = [c for c in claims(text) if c.cue is not None]
    assert [c.cue.text for c in found] == ["pledged", "said"]
    assert found[0].quote == "that talks would resume"
    assert found[1].quote == "that the border would reopen"


def test_a_verb_with_no_object_is_no_stance(claims):
    assert not [c for c in claims("The Westland party strongly supported.") if c.cue is not None]


def test_a_named_claim_inside_a_narrator_denial(claims):
    text = "The claims of the Westland army that its forces captured the bridge are completely false."
    found = claims(text)
    named = [c for c in found if c.cue is not None and c.cue.text == "claims"]
    assert len(named) == 1
    assert named[0].claimant.span.text == "the Westland army"
    assert named[0].quote == "that its forces captured the bridge"
    (narrator,) = [c for c in found if c.mode == ClaimMode.NARRATOR]
    assert narrator.denies == (named[0].id,)
    assert "captured" not in narrator.quote


def test_a_cued_rejection_denies_the_claim_it_names(claims):
    text = "The Eastland ministry rejected claims by Westland that its troops shelled the market."
    found = claims(text)
    (named,) = [c for c in found if c.cue is not None and c.cue.text == "claims"]
    assert named.claimant.span.text == "Westland"
    (rejection,) = [c for c in found if c.cue is not None and c.cue.text == "rejected"]
    assert rejection.denies == (named.id,)


def test_appositive_source_keeps_its_closing_comma_but_not_in_the_name(claims):
    text = "Ann Roe, a farmer from Eastland, said that the shelling stopped at dawn."
    (c,) = [c for c in claims(text) if c.cue is not None]
    assert c.claimant.span.text == "Ann Roe, a farmer from Eastland,"
    assert c.claimant.name == "Ann Roe, a farmer from Eastland"


def test_dateline_and_time_are_not_the_source(claims):
    text = "KESTRA, Eastland (AP) — Senator Ola Brenn on Tuesday said that talks had failed."
    (c,) = [c for c in claims(text) if c.cue is not None]
    assert c.claimant.span.text == "Senator Ola Brenn"


def test_trailing_aside_is_not_content(claims):
    text = "The Eastland envoy said that he would not return to the talks, angering the Westland delegation."
    (c,) = [c for c in claims(text) if c.cue is not None]
    assert c.quote == "that he would not return to the talks"


def test_a_scare_quoted_word_does_not_make_a_direct_claim(claims):
    text = "Westland troops shelled the “liberated” village at dawn on Monday."
    (c,) = claims(text)
    assert c.mode == ClaimMode.NARRATOR


def test_according_to_alongside_a_cue(claims):
    text = "“We will not retreat,” the Westland commander said, according to Eastland Radio."
    cues = sorted(c.cue.text for c in claims(text) if c.cue is not None)
    assert cues == ["according to", "said"]


def test_according_to_before_a_coordinated_clause(claims):
    text = ("Westland holds 40 villages according to a count by Eastland Radio, but the army has vowed to "
            "take back every one of them before the winter.")
    (c,) = [c for c in claims(text) if c.cue is not None and c.cue.text == "according to"]
    assert c.quote == "Westland holds 40 villages"


def test_a_cue_set_off_mid_sentence_takes_the_whole_statement(claims):
    text = "That, the Eastland commission said, “would end the shelling of the border villages.”"
    (c,) = [c for c in claims(text) if c.cue is not None]
    assert c.quote == text


def test_according_content_leaves_out_the_full_stop(claims):
    text = "According to Eastland Radio, Westland troops left the bridge at dawn."
    (c,) = [c for c in claims(text) if c.cue is not None]
    assert c.quote == "Westland troops left the bridge at dawn"


def test_a_finding_without_a_record_is_no_cue(claims):
    assert not [c for c in claims("Westland troops found two bodies near the bridge.") if c.cue is not None]


def test_stance_content_keeps_what_the_object_is_praised_for(claims):
    text = "The Eastland envoy thanked the Westland mediators for their patience on Monday."
    (c,) = [c for c in claims(text) if c.cue is not None]
    assert c.quote == "the Westland mediators for their patience"



def test_a_leading_phrase_is_not_the_content_of_a_stance(claims):
    text = "In a long interview with Eastland Radio on Sunday evening, the Westland envoy praised the ceasefire."
    (c,) = [c for c in claims(text) if c.cue is not None]
    assert c.quote == "the ceasefire"


def test_a_dash_and_a_speaker_before_a_quotation(claims):
    text = "WESTLAND VOTERS TIRED OF THE WAR - Ola Brenn: “Turnout fell in every northern district this year.”"
    found = [c for c in claims(text) if c.cue is not None and c.cue.text == ":"]
    assert len(found) == 1 and found[0].claimant.span.text == "Ola Brenn"
    assert found[0].quote.startswith("“Turnout")


def test_passive_report_and_as_clause(claims):
    (c,) = [c for c in claims("The Westland retreat was first reported by Eastland Radio.") if c.cue is not None]
    assert c.claimant.span.text == "Eastland Radio" and c.quote == "The Westland retreat"
    text = "As Eastland Radio reported on Monday, Westland troops left the northern bridge."
    (c,) = [c for c in claims(text) if c.cue is not None]
    assert c.quote == "Westland troops left the northern bridge"


def test_citing_a_cause_is_no_relay(claims):
    text = "“The front is quiet,” the Westland commander said, citing low morale among the enemy troops."
    found = [c for c in claims(text) if c.cue is not None and c.cue.text == "said"]
    assert found and found[0].claimant.name == "the Westland commander" and not found[0].relays
