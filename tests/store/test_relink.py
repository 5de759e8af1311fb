"""Blocking by date and the incident id scheme (pure functions, no database)."""

from __future__ import annotations

import datetime as dt

from rashomon.model import Incident, IncidentDate
from rashomon.store.relink import assign_ids, pending_ranges

D = dt.date


def test_windows_closer_than_the_slack_share_a_range():
    rows = [("a", D(2022, 3, 1), D(2022, 3, 2)), ("b", D(2022, 3, 3), D(2022, 3, 3)),
            ("c", D(2022, 5, 1), D(2022, 5, 1)), ("a", None, None), ("d", None, None)]
    ranges = pending_ranges(rows)
    assert [(r.start, r.end) for r in ranges] == [(D(2022, 3, 1), D(2022, 3, 3)), (D(2022, 5, 1), D(2022, 5, 1)),
                                                  (None, None)]
    assert ranges[0].undated_docs == {"a"}  # with its own dated mentions
    assert ranges[2].undated_docs == {"d"}  # a document with no date at all
    assert pending_ranges([]) == []


def _inc(*members: str) -> Incident:
    return Incident(id="draft", date=IncidentDate(), event_mentions=members)


def test_a_grown_incident_keeps_its_id_and_new_ones_take_new_numbers():
    out, counter, aliases = assign_ids([_inc("m1", "m2", "m3"), _inc("m9")], {"i4": {"m1", "m2"}}, {"i4": 4}, 10)
    assert [(i.id, n) for i, n in out] == [("i4", 4), ("i10", 10)]
    assert counter == 11 and aliases == []


def test_a_merge_keeps_the_oldest_id_and_aliases_the_other():
    out, _counter, aliases = assign_ids([_inc("m1", "m2", "m3")], {"i7": {"m2"}, "i3": {"m1"}},
                                        {"i7": 7, "i3": 3}, 8)
    assert out[0][0].id == "i3"
    assert aliases == [("i7", "i3", "merged")]


def test_a_split_gets_new_ids_and_the_old_id_points_to_the_larger_part():
    out, counter, aliases = assign_ids([_inc("m1"), _inc("m2", "m3")], {"i2": {"m1", "m2", "m3"}}, {"i2": 2}, 5)
    assert [i.id for i, _n in out] == ["i5", "i6"] and counter == 7
    assert aliases == [("i2", "i6", "split")]
