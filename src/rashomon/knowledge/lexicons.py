"""Lexicons of conflict reporting, loaded once from package data.

The word lists live in ``lexicons/lexicons.yaml``; this module only loads them
into a typed, immutable object that stages receive (and tests may replace).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Trigger:
    event_type: str | None
    sub_event_type: str | None
    strength: str  # strong | weak | casualty


@dataclass(frozen=True)
class Lexicons:
    reporting_verbs: dict[str, str]
    statement_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    evidence_nouns: frozenset[str]
    denial_phrases: tuple[str, ...]
    triggers: dict[str, Trigger]
    weapons: dict[str, str]
    military_nouns: frozenset[str]
    civilian_nouns: frozenset[str]
    nonhuman_nouns: frozenset[str]
    loss_nouns: frozenset[str]
    adversary_terms: tuple[str, ...]
    own_terms: frozenset[str]
    forecast_cues: frozenset[str]
    hypothetical_cues: frozenset[str]
    historical_cues: tuple[str, ...]
    another_cues: frozenset[str]
    outcome_phrases: dict[str, tuple[str, ...]]
    denial_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    weapon_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    multiword_triggers: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        phrases = sorted(self.denial_phrases, key=len, reverse=True)
        object.__setattr__(
            self, "denial_re", re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)", re.I)
        )
        weapons = sorted(self.weapons, key=len, reverse=True)
        object.__setattr__(
            self, "weapon_re", re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, weapons)) + r")(?![\w-])", re.I)
        )
        object.__setattr__(self, "multiword_triggers", tuple(k for k in self.triggers if " " in k))


@lru_cache(maxsize=1)
def default_lexicons() -> Lexicons:
    """The shipped lexicons, loaded once per process."""
    raw = yaml.safe_load(resources.files("rashomon.knowledge").joinpath("lexicons/lexicons.yaml").read_text("utf-8"))
    return Lexicons(
        reporting_verbs=dict(raw["reporting_verbs"]),
        statement_nouns=frozenset(raw["statement_nouns"]),
        claim_nouns=frozenset(raw["claim_nouns"]),
        evidence_nouns=frozenset(raw["evidence_nouns"]),
        denial_phrases=tuple(raw["denial_phrases"]),
        triggers={k.lower(): Trigger(*v) for k, v in raw["triggers"].items()},
        weapons={k.lower(): v for k, v in raw["weapons"].items()},
        military_nouns=frozenset(raw["military_nouns"]),
        civilian_nouns=frozenset(raw["civilian_nouns"]),
        nonhuman_nouns=frozenset(raw["nonhuman_nouns"]),
        loss_nouns=frozenset(raw["loss_nouns"]),
        adversary_terms=tuple(raw["adversary_terms"]),
        own_terms=frozenset(raw["own_terms"]),
        forecast_cues=frozenset(raw["forecast_cues"]),
        hypothetical_cues=frozenset(raw["hypothetical_cues"]),
        historical_cues=tuple(raw["historical_cues"]),
        another_cues=frozenset(raw["another_cues"]),
        outcome_phrases={k: tuple(v) for k, v in raw["outcome_phrases"].items()},
    )
