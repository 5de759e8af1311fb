"""Event-type classifier: the shipped model, its labels, and training from an ACLED-style export.

The sentences below were written for these tests; they are not training sentences.
"""

from __future__ import annotations

import csv
import json
import re

import pytest

from conftest import EVALDATA
from rashomon.errors import EventModelError, TrainingDataError
from rashomon.event_types import (
    ACLED_TYPES, CASE_LABELS, EVENT_TYPE_OF, LABELS, NO_EVENT, NON_EVENT_LABELS, EventTypePrediction, classify,
    features, load, tokens,
)
from rashomon.training import TrainSettings, clean_notes, read_acled, read_examples, train_events


# ----------------------------------------------------------------------------- the shipped model
def test_shipped_model_loads_from_package_data_once():
    model = load()
    assert load() is model  # cached per process
    assert set(model.labels) == set(LABELS)
    assert len(model.labels) == 31
    assert model.meta["format"] == 1
    assert "training/events" in model.meta["source"]
    assert 0 < model.temperature < 10


def test_label_set_is_acleds():
    assert len(ACLED_TYPES) == 6
    assert sum(len(subs) for subs in ACLED_TYPES.values()) == 25
    assert EVENT_TYPE_OF["Shelling/artillery/missile attack"] == "Explosions/Remote violence"
    assert EVENT_TYPE_OF["Chemical weapon"] == "Explosions/Remote violence"
    assert EVENT_TYPE_OF["Arrests"] == "Strategic developments"
    assert set(LABELS) == set(EVENT_TYPE_OF) | set(NON_EVENT_LABELS)


def test_case_labels_map_every_label_but_no_event():
    assert set(CASE_LABELS) == set(LABELS) - {NO_EVENT}
    assert len(set(CASE_LABELS.values())) == 30


def test_case_labels_are_the_tasks_names():
    note = EVALDATA / "case2021_task2" / "event_types_note.txt"
    if not note.is_file():
        pytest.skip(f"CASE 2021 task 2 note not found at {note}")
    names = set(re.findall(r"^([A-Z_]+)\s*$", note.read_text(encoding="utf-8"), flags=re.M))
    assert set(CASE_LABELS.values()) <= names
    assert len(names - set(CASE_LABELS.values())) == 0


@pytest.mark.parametrize(
    "text, label",
    [
        ("Soldiers and insurgents traded fire for three hours outside the garrison town; two soldiers died.",
         "Armed clash"),
        ("The national army took back the river port from the rebels after a week of fighting.",
         "Government regains territory"),
        ("Jihadist fighters overran the district headquarters and now control the town, residents said.",
         "Non-state actor overtakes territory"),
        ("Doctors treated dozens of residents for chlorine exposure after gas canisters were dropped on the town.",
         "Chemical weapon"),
        ("Warplanes bombed a market in the rebel-held town, killing eleven people.", "Air/drone strike"),
        ("The enemy shelled the village with 122 mm artillery overnight, damaging five houses.",
         "Shelling/artillery/missile attack"),
        ("An army truck struck a landmine on the road north of the town, killing three soldiers.",
         "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at the gate of the police academy, killing nine recruits.",
         "Suicide bomb"),
        ("An attacker threw a hand grenade into a crowded bar, wounding six customers.", "Grenade"),
        ("Militiamen raped several women who were fetching water near the camp, survivors said.", "Sexual violence"),
        ("Gunmen stormed the village at night and shot dead fourteen farmers.", "Attack"),
        ("Armed men kidnapped twenty pupils from a boarding school and demanded a ransom.",
         "Abduction/forced disappearance"),
        ("Hundreds of nurses marched peacefully to the health ministry to demand unpaid wages.", "Peaceful protest"),
        ("Police fired tear gas and detained a dozen students who were protesting against fee increases.",
         "Protest with intervention"),
        ("Security forces opened fire on unarmed demonstrators, killing seven protesters.",
         "Excessive force against protesters"),
        ("Rioters set the governor's office on fire and pelted police with stones.", "Violent demonstration"),
        ("A mob lynched a man accused of stealing a motorcycle at the market.", "Mob violence"),
        ("The government and the rebel movement signed a ceasefire agreement after talks in the capital.",
         "Agreement"),
        ("Police arrested the leader of the main opposition party at his home on charges of treason.", "Arrests"),
        ("The armed group named a new commander after its founder was killed.", "Change to group/activity"),
        ("Bomb disposal experts defused an explosive device found under a bridge.", "Disrupted weapons use"),
        ("The insurgents set up a new base in the forest near the border.", "Headquarters or base established"),
        ("Fighters looted the health centre and carried off medicines and generators.",
         "Looting/property destruction"),
        ("The army pulled out of the town and the rebels moved in without a shot being fired.",
         "Non-violent transfer of territory"),
        ("A mass grave with the remains of forty people was discovered near the town.", "Other"),
        ("Police seized three tonnes of cocaine hidden in a shipment of bananas and arrested the traffickers.",
         "Organised crime"),
        ("A strong earthquake shook the region, collapsing hundreds of houses.", "Natural disaster"),
        ("A fire at a garment factory killed twenty workers; officials blamed an electrical fault.",
         "Man-made disaster"),
        ("The foreign minister met his counterpart in the capital to discuss trade and border security.",
         "Diplomacy"),
        ("The Islamic State group claimed responsibility for the bombing in a statement on its news agency.",
         "Attribution"),
        ("The central bank raised its main interest rate by half a point on Thursday.", "No event"),
    ],
)
def test_clear_cases(text, label):
    prediction = classify([text])[0]
    assert prediction.label == label, (prediction.label, round(prediction.probability, 3))
    assert prediction.event_type == EVENT_TYPE_OF.get(label)


def test_prediction_fields_and_distribution():
    p = classify(["Rebels fired mortars at the airport."])[0]
    assert isinstance(p, EventTypePrediction)
    assert p.sub_event_type == p.label
    assert p.event_type == EVENT_TYPE_OF[p.label]
    assert list(p.distribution)[0] == p.label
    assert p.distribution[p.label] == pytest.approx(p.probability)
    assert sum(p.distribution.values()) == pytest.approx(1.0, abs=1e-5)
    assert set(p.distribution) == set(LABELS)
    values = list(p.distribution.values())
    assert values == sorted(values, reverse=True)


def test_non_event_labels_have_no_acled_type():
    p = classify(["Floods swept away homes and bridges after a week of torrential rain."])[0]
    assert p.label == "Natural disaster"
    assert p.event_type is None and p.sub_event_type is None


def test_labels_restrict_the_choice():
    text = ["The ministry published new figures on youth unemployment."]
    assert classify(text)[0].label == NO_EVENT
    restricted = classify(text, labels=CASE_LABELS)[0]
    assert restricted.label != NO_EVENT
    assert NO_EVENT not in restricted.distribution
    assert sum(restricted.distribution.values()) == pytest.approx(1.0, abs=1e-5)
    with pytest.raises(EventModelError, match="none of the labels"):
        classify(text, labels=["Not a label"])


def test_batch_order_and_empty_text():
    texts = ["A roadside bomb killed two soldiers.", "", "Thousands rallied peacefully for early elections."] * 3
    out = classify(texts)
    assert len(out) == 9
    assert out[0].label == out[3].label == "Remote explosive/landmine/IED"
    assert out[2].label == "Peaceful protest"
    assert out[1].probability > 0  # no features: the prior, not an error
    assert classify([]) == []
    with pytest.raises(TypeError):
        classify("one string")


def test_features_read_who_did_what():
    gov = features("The army recaptured the town from the rebels.")
    assert "a:STATE>recaptur" in gov and "z:from<NONSTATE" in gov
    rebels = features("The rebels captured the town from the army.")
    assert "a:NONSTATE>captur" in rebels and "z:from<STATE" in rebels
    assert tokens("Shelled, shelling; 12 kidnapped") == ["shell", "shell", "0", "kidnap"]


def test_load_rejects_a_folder_without_model(tmp_path):
    with pytest.raises(EventModelError, match="missing meta.json"):
        load(tmp_path)
    with pytest.raises(EventModelError, match="no such model folder"):
        load(tmp_path / "absent")


# ----------------------------------------------------------------------------- training from ACLED
_ROWS = {
    ("Battles", "Armed clash"): [
        "On {d} March 2021, soldiers clashed with militants near Kalgara; {n} fighters were killed in the gun battle.",
        "Troops exchanged fire with insurgents outside Dunvosa on {d} May; the fighting lasted {n} hours.",
        "Militants attacked an army post in Nkolo and soldiers repelled the assault after a firefight of {n} hours.",
    ],
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"): [
        "On {d} April 2021, a roadside bomb hit a military vehicle near Umbalo, killing {n} soldiers.",
        "An IED exploded under a minibus near Sampa on {d} June, killing {n} passengers.",
        "A landmine blast killed {n} herders near Kerenza on {d} July.",
    ],
    ("Protests", "Peaceful protest"): [
        "On {d} August 2021, around {n}00 teachers marched peacefully in Mabanga demanding unpaid salaries. [size=around {n}00]",
        "Students held a peaceful sit-in outside the university in Korvelo on {d} May to demand lower fees.",
        "Traders demonstrated peacefully at the market in Ostrivka against new taxes on {d} June.",
    ],
    ("Strategic developments", "Arrests"): [
        "On {d} September 2021, police arrested an opposition leader in Hasnabad on charges of treason.",
        "Security forces detained {n} journalists in Ndiala on {d} October over critical reports.",
        "Police arrested a former minister at the airport of Birni Koura on {d} November.",
    ],
}


def _write_acled(path, *, columns=("event_id_cnty", "event_date", "event_type", "sub_event_type", "notes",
                                   "fatalities"), hxl=True):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        if hxl:
            writer.writerow(["#event+id", "#date", "#event+type", "#event+type+sub", "#description", "#affected+killed"]
                            [:len(columns)])
        i = 0
        for (etype, sub), notes in _ROWS.items():
            for k in range(4):
                for note in notes:
                    i += 1
                    text = note.format(d=k + 3, n=k + 2)
                    if k == 1:
                        text += " 3 fatalities coded as 3."
                    row = {"event_id_cnty": f"XYZ{i}", "event_date": "2021-03-01", "event_type": etype,
                           "sub_event_type": sub, "notes": text, "fatalities": "0"}
                    writer.writerow([row.get(c, "") for c in columns])


@pytest.fixture
def acled_csv(tmp_path):
    path = tmp_path / "export.csv"
    _write_acled(path)
    return path


def test_train_events_from_acled_export(acled_csv, tmp_path):
    report = train_events(acled=acled_csv, out=tmp_path / "model")
    assert report.out == tmp_path / "model"
    assert report.examples == 48
    assert report.labels == {"Armed clash": 12, "Arrests": 12, "Peaceful protest": 12,
                             "Remote explosive/landmine/IED": 12}
    assert report.heldout["n"] > 0
    model = load(tmp_path / "model")
    assert set(model.labels) == set(report.labels)
    assert "ACLED export export.csv" in model.meta["source"]
    predictions = classify([
        "Soldiers clashed with militants in a long gun battle near the river.",
        "A roadside bomb killed two soldiers in a military vehicle.",
        "Nurses marched peacefully to demand their unpaid salaries.",
        "Police arrested a former minister on charges of treason.",
    ], classifier=model)
    assert [p.label for p in predictions] == ["Armed clash", "Remote explosive/landmine/IED", "Peaceful protest",
                                              "Arrests"]
    assert predictions[1].event_type == "Explosions/Remote violence"
    assert predictions[3].event_type == "Strategic developments"
    assert all("No event" not in p.distribution for p in predictions)


def test_training_is_reproducible(acled_csv, tmp_path):
    train_events(acled=acled_csv, out=tmp_path / "a")
    train_events(acled=acled_csv, out=tmp_path / "b")
    for name in ("weights.npz", "features.txt", "meta.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    texts = ["Militants attacked a checkpoint and soldiers fired back.", "Teachers staged a sit-in."]
    a = classify(texts, classifier=load(tmp_path / "a"))
    b = classify(texts, classifier=load(tmp_path / "b"))
    assert [(p.label, p.probability) for p in a] == [(p.label, p.probability) for p in b]


def test_acled_export_without_notes_names_file_and_column(tmp_path):
    path = tmp_path / "no_notes.csv"
    _write_acled(path, columns=("event_id_cnty", "event_type", "sub_event_type"), hxl=False)
    with pytest.raises(TrainingDataError) as err:
        train_events(acled=path, out=tmp_path / "model")
    assert str(path) in str(err.value) and "notes" in str(err.value)
    assert not (tmp_path / "model").exists()


def test_acled_export_edge_cases(tmp_path):
    with pytest.raises(TrainingDataError, match="no such file"):
        read_acled(tmp_path / "absent.csv")
    one_type = tmp_path / "one.csv"
    one_type.write_text("event_type;sub_event_type;notes\nBattles;Armed clash;Soldiers fought rebels.\n",
                        encoding="utf-8")
    with pytest.raises(TrainingDataError, match="at least two sub-event types"):
        read_acled(one_type)
    both = tmp_path / "semicolons.csv"
    both.write_text("event_type;sub_event_type;notes\nBattles;Armed clash;Soldiers fought rebels.\n"
                    "Protests;Peaceful protest;Teachers marched.\nProtests;Peaceful protest;\n", encoding="utf-8")
    examples, types = read_acled(both)
    assert [e.label for e in examples] == ["Armed clash", "Peaceful protest"]
    assert types == {"Armed clash": "Battles", "Peaceful protest": "Protests"}


def test_clean_notes_drops_coding_remarks():
    note = ("On 2 May 2021, militants attacked a base in Kalgara. Unspecified number of fatalities coded as 3. "
            "[size=no report] 10 fatalities split across 2 events (coded separately).")
    assert clean_notes(note) == "On 2 May 2021, militants attacked a base in Kalgara."


def test_train_events_from_jsonl_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    lines = {
        "grenade.jsonl": ["A grenade was thrown at a bar.", "Militants lobbed a grenade at police.",
                          "A hand grenade exploded in the market.", "Someone threw a grenade into a shop."],
        "natural.jsonl": ["An earthquake destroyed homes.", "Floods swept away the bridge.",
                          "A cyclone hit the coast.", "A landslide buried the village."],
    }
    for name, texts in lines.items():
        label = "Grenade" if name.startswith("grenade") else "Natural disaster"
        (data / name).write_text("".join(json.dumps({"text": t, "label": label}) + "\n" for t in texts),
                                 encoding="utf-8")
    report = train_events(data=data, out=tmp_path / "model", settings=TrainSettings(min_df=1))
    model = load(report.out)
    assert model.event_types == {"Grenade": "Explosions/Remote violence", "Natural disaster": None}
    assert classify(["They threw a grenade."], classifier=model)[0].label == "Grenade"
    (data / "bad.jsonl").write_text('{"text": "no label"}\n', encoding="utf-8")
    with pytest.raises(TrainingDataError, match=r"bad\.jsonl:1"):
        read_examples(data)


def test_ensemble_averages_the_seeds_and_dropout_trains(acled_csv):
    import numpy as np

    from rashomon.training import fit

    examples, types = read_acled(acled_csv)
    one = [fit(examples, types, TrainSettings(ensemble=1, seed=s)) for s in (5, 6)]
    both = fit(examples, types, TrainSettings(ensemble=2, seed=5))
    mean = (one[0].weights.astype(np.float32) + one[1].weights.astype(np.float32)) / 2
    assert np.allclose(both.weights.astype(np.float32), mean, atol=2e-3)
    assert both.index == one[0].index
    dropped = fit(examples, types, TrainSettings(dropout=0.3, ensemble=1))
    assert not np.array_equal(dropped.weights, one[0].weights)
    texts = ["Militants attacked a checkpoint and soldiers fired back.", "Teachers staged a sit-in."]
    assert [p.label for p in classify(texts, classifier=dropped)] == ["Armed clash", "Peaceful protest"]


def test_a_model_of_another_format_says_how_to_retrain(acled_csv, tmp_path):
    train_events(acled=acled_csv, out=tmp_path / "m")
    meta_path = tmp_path / "m" / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["format"] = 0
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(EventModelError, match=r"format 0.*--acled EXPORT\.csv"):
        load(tmp_path / "m")
    meta["source"] = "rashomon training sentences (training/events)"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(EventModelError, match=r"format 0.*rashomon train events --out") as info:
        load(tmp_path / "m")
    assert "--acled" not in str(info.value)
