"""Event type and sub-type on ACLED's scheme, from a sentence or a short snippet.

A small linear classifier (multinomial logistic regression over word, word-pair and
word-prefix features), trained only on sentences written for rashomon
(``training/events/`` in the repository) and shipped as package data in
``knowledge/models/events/``. It loads in milliseconds, needs no GPU, no spaCy model and no
network, and classifies thousands of sentences per second on one core.

Labels are ACLED's 25 sub-event types (with ACLED's own names, grouped into its six event
types) plus classes for what news about conflicts also reports and ACLED does not code:
organised crime, natural disasters, man-made disasters (accidents), diplomacy, statements
attributing responsibility, and "No event". A user who holds an ACLED licence can train a
model of the same format from the notes of their own export
(:func:`rashomon.training.train_events`); :func:`load` reads either.

Example:
    >>> from rashomon.event_types import classify
    >>> p = classify(["A roadside bomb hit an army convoy near Baidoa."])[0]
    >>> p.event_type, p.sub_event_type
    ('Explosions/Remote violence', 'Remote explosive/landmine/IED')

Notes:
    ACLED's definitions: ACLED Codebook (2024), "Event Types and Sub-Event Types".
    CASE 2021 task 2 (Haneczok et al., 2021) uses the same 25 sub-types plus the classes
    ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO and ATTRIB: see
    :data:`CASE_LABELS`.
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from rashomon.errors import EventModelError

logger = logging.getLogger(__name__)

# ----------------------------------------------------------------------------- label set
#: ACLED's event types and their sub-event types, in the codebook's order.
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
#: Classes for what is not an ACLED event; their predictions have no event type.
NON_EVENT_LABELS: tuple[str, ...] = ("Organised crime", "Natural disaster", "Man-made disaster", "Diplomacy",
                                     "Attribution", "No event")
NO_EVENT = "No event"
#: Sub-event type -> event type.
EVENT_TYPE_OF: dict[str, str] = {sub: etype for etype, subs in ACLED_TYPES.items() for sub in subs}
#: Every label of the shipped model, in a fixed order.
LABELS: tuple[str, ...] = (*EVENT_TYPE_OF, *NON_EVENT_LABELS)

#: Label -> CASE 2021 task 2 label (the names used in the task's TSV files). "No event" has no
#: CASE counterpart (every CASE snippet reports an event); classify with
#: ``labels=CASE_LABELS`` to choose among the labels that have one.
CASE_LABELS: dict[str, str] = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE",
    "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
    "Organised crime": "ORG_CRIME",
    "Natural disaster": "NATURAL_DISASTER",
    "Man-made disaster": "MAN_MADE_DISASTER",
    "Diplomacy": "DIPLO",
    "Attribution": "ATTRIB",
}
#: Longer spellings of CASE labels found in other copies of the task description -> the TSV names.
CASE_LABEL_ALIASES: dict[str, str] = {
    "SHELLING_ARTILLERY_MISSILE_ATTACK": "ART_MISS_ATTACK",
    "REMOTE_EXPLOSIVE_LANDMINE_IED": "REM_EXPLOS",
    "SUICIDE_BOMB": "SUIC_BOMB",
    "CHEM_WEAPON": "CHEM_WEAP",
    "ABDUCTION_FORCED_DISAPPEARANCE": "ABDUCT_DISSAP",
    "SEXUAL_VIOLENCE": "SEX_VIOL",
    "GOVERNMENT_REGAINS_TERRITORY": "GOV_REGAINS_TERIT",
    "PEACEFUL_PROTEST": "PEACE_PROTEST",
    "EXCESSIVE_FORCE_AGAINST_PROTESTERS": "FORCE_AGAINST_PROTEST",
    "VIOLENT_DEMONSTRATION": "VIOL_DEMONSTR",
    "MOB_VIOLENCE": "MOB_VIOL",
    "DISRUPTED_WEAPONS_USE": "DISR_WEAP",
    "LOOTING_PROPERTY_DESTRUCTION": "PROPERTY_DISTRUCT",
    "NON_VIOLENT_TRANSFER_OF_TERRITORY": "NON_VIOL_TERRIT_TRANSFER",
}

#: Version of the model files. Bump it whenever :func:`features` changes: a model's weights
#: mean nothing under another feature scheme.
MODEL_FORMAT = 1
_WEIGHTS = "weights.npz"
_FEATURES = "features.txt"
_META = "meta.json"

# ----------------------------------------------------------------------------- features
#: Words of six letters or more also yield their first five letters as a feature, so that
#: forms the training sentences do not contain ("bombardments", "abductees") still meet a
#: known feature. Five letters keep "shell-", "abduc-", "kidna-" apart from their neighbours.
PREFIX_LEN = 5

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def stem(word: str) -> str:
    """A crude English stem: plural and verb endings removed ("shelled", "shelling" -> "shell")."""
    if word.endswith("'s"):
        word = word[:-2]
    n = len(word)
    if n > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if n > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
        n -= 1
    for suffix in ("ing", "ed"):
        if n > len(suffix) + 3 and word.endswith(suffix):
            word = word[:-len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # "kidnapped" -> "kidnap", "shelled" stays "shell"
            return word
    return word


def tokens(text: str) -> list[str]:
    """Lower-case word stems of ``text``; every number becomes ``0``."""
    out = []
    for tok in _TOKEN.findall(text.lower().translate(_APOSTROPHES)):
        out.append("0" if tok[0].isdigit() else stem(tok))
    return out


#: Words that name a kind of actor. Who does what to whom separates sub-types that share
#: their words ("the army recaptured the town from the rebels" vs "the rebels captured the
#: town from the army"), and a class generalises over the many names of armed groups.
ACTOR_CLASSES: dict[str, tuple[str, ...]] = {
    "STATE": ("army", "armies", "troops", "soldier", "soldiers", "military", "government", "regime", "junta",
              "police", "policemen", "policeman", "gendarme", "gendarmes", "gendarmerie", "security", "servicemen",
              "navy", "marines", "sna", "fardc", "fama", "saf", "endf", "idf", "tatmadaw", "crpf", "bsf", "fdn",
              "authorities", "paramilitary", "paramilitaries", "garrison", "battalion", "brigade"),
    "NONSTATE": ("rebel", "rebels", "militant", "militants", "insurgent", "insurgents", "jihadist", "jihadists",
                 "terrorist", "terrorists", "guerrilla", "guerrillas", "separatist", "separatists", "militia",
                 "militias", "militiamen", "fighters", "gunmen", "bandits", "extremists", "islamists", "shabaab",
                 "boko", "iswap", "jnim", "isis", "isil", "daesh", "taliban", "houthi", "houthis", "hamas",
                 "hezbollah", "pkk", "eln", "farc", "npa", "m23", "adf", "rsf", "codeco", "fano", "tplf", "ola",
                 "kia", "pdf", "sdf", "ttp", "bla", "mai", "wazalendo", "seleka", "balaka", "aqap", "aqim",
                 "ansar", "mujahideen", "vigilantes", "dissidents", "mercenaries", "wagner", "insurgency"),
    "CIVILIAN": ("civilians", "civilian", "villagers", "residents", "farmers", "herders", "worshippers",
                 "passengers", "children", "women", "pupils", "traders", "fishermen", "villager"),
    "PROTEST": ("protesters", "protestors", "demonstrators", "protester", "protestor", "demonstrator", "marchers",
                "rioters", "strikers"),
}
#: A word and an actor word at most this many words apart make an "actor near word" feature.
ACTOR_WINDOW = 5
_STOP = frozenset("the a an of and or in on at to for with by from as that this is was were be been has have had "
                  "it its their his her they he she which who there are not no but also after said say".split())
_ACTOR_OF: dict[str, str] = {}


def _actor_of(stemmed: str) -> str | None:
    if not _ACTOR_OF:
        for cls, words in ACTOR_CLASSES.items():
            for word in words:
                _ACTOR_OF[stem(word)] = cls
    return _ACTOR_OF.get(stemmed)


def features(text: str) -> list[str]:
    """The features of one text.

    Stems other than function words (``w:``; a word such as "in" or "were" alone says nothing
    of the event, and in written training sentences it picks up chance weights), pairs of
    neighbouring stems (``b:``), word prefixes (``p:``), pairs of
    neighbouring words with actor words replaced by their class (``c:``: "from NONSTATE"),
    and each content word with the nearest actor class before it (``a:``: "STATE>recaptur")
    and after it (``z:``: "captur<STATE") within :data:`ACTOR_WINDOW` words.

    Features are binary (a repeated feature counts once); the order is that of first
    occurrence, so the list is deterministic.
    """
    toks = tokens(text)
    feats = [f"w:{t}" for t in toks if t not in _STOP]
    feats += [f"b:{a} {b}" for a, b in zip(["<s>", *toks], [*toks, "</s>"])]
    feats += [f"p:{t[:PREFIX_LEN]}" for t in toks if len(t) > PREFIX_LEN]
    classes = [_actor_of(t) for t in toks]
    if any(classes):
        mixed = [c or t for t, c in zip(toks, classes)]
        feats += [f"c:{a} {b}" for a, b, ca, cb in zip(mixed, mixed[1:], classes, classes[1:]) if ca or cb]
        last: tuple[int, str] | None = None
        for i, (t, c) in enumerate(zip(toks, classes)):
            if c:
                last = (i, c)
            elif last is not None and i - last[0] <= ACTOR_WINDOW and t not in _STOP:
                feats.append(f"a:{last[1]}>{t}")
        nxt: tuple[int, str] | None = None
        for i in range(len(toks) - 1, -1, -1):
            t, c = toks[i], classes[i]
            if c:
                nxt = (i, c)
            elif nxt is not None and nxt[0] - i <= ACTOR_WINDOW and (t not in _STOP or t in ("from", "by", "to")):
                feats.append(f"z:{t}<{nxt[1]}")
    return list(dict.fromkeys(feats))


def encode(texts: Iterable[str], index: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sparse rows of ``texts`` over a feature index: (indices, values, row starts).

    Each row is L2-normalised binary features, so long and short snippets weigh alike;
    ``starts`` has one entry per text plus the end, as in CSR matrices.
    """
    idx: list[int] = []
    vals: list[float] = []
    starts = [0]
    for text in texts:
        row = [index[f] for f in features(text) if f in index]
        if row:
            idx.extend(row)
            vals.extend([1.0 / len(row) ** 0.5] * len(row))
        starts.append(len(idx))
    return np.asarray(idx, dtype=np.int64), np.asarray(vals, dtype=np.float32), np.asarray(starts, dtype=np.int64)


def sparse_logits(weights: np.ndarray, bias: np.ndarray, idx: np.ndarray, vals: np.ndarray,
                  starts: np.ndarray) -> np.ndarray:
    """``X @ weights + bias`` for CSR rows (idx, vals, starts); empty rows get the bias only."""
    n = len(starts) - 1
    out = np.tile(bias.astype(np.float32), (n, 1))
    if len(idx) == 0:
        return out
    contrib = weights[idx].astype(np.float32) * vals[:, None]
    nonempty = np.flatnonzero(starts[1:] > starts[:-1])
    out[nonempty] += np.add.reduceat(contrib, starts[nonempty], axis=0)
    return out


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax."""
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


# ----------------------------------------------------------------------------- model
@dataclass(frozen=True, slots=True)
class EventTypePrediction:
    """The classifier's answer for one text.

    Attributes:
        label: the most probable class (an ACLED sub-event type, or a non-event class).
        event_type: ACLED event type of ``label``; None for non-event classes.
        sub_event_type: ACLED sub-event type (``label`` itself); None for non-event classes.
        probability: calibrated probability of ``label`` (see the model's ``meta.json``).
        distribution: every label's probability, most probable first.
    """

    label: str
    event_type: str | None
    sub_event_type: str | None
    probability: float
    distribution: dict[str, float] = field(repr=False)


@dataclass(frozen=True, eq=False)
class EventTypeClassifier:
    """A trained model: feature index, weights, labels and calibration.

    Build it with :func:`load`; it is immutable and safe to share between threads.
    """

    labels: tuple[str, ...]
    event_types: dict[str, str | None]
    index: dict[str, int] = field(repr=False)
    weights: np.ndarray = field(repr=False)
    bias: np.ndarray = field(repr=False)
    temperature: float = 1.0
    meta: dict = field(default_factory=dict, repr=False)

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated class probabilities, one row per text, columns in :attr:`labels` order."""
        idx, vals, starts = encode(texts, self.index)
        return softmax(sparse_logits(self.weights, self.bias, idx, vals, starts) / self.temperature)

    def classify(self, texts: Sequence[str], *, labels: Collection[str] | None = None,
                 batch_size: int = 2048) -> list[EventTypePrediction]:
        """Predict the event type of each text.

        Args:
            texts: sentences or short snippets (1-3 sentences work best).
            labels: choose only among these labels (probabilities renormalised over them),
                e.g. ``CASE_LABELS`` to leave out "No event"; None for all.
            batch_size: texts encoded at once.

        Returns:
            One prediction per text, in order.

        Raises:
            EventModelError: ``labels`` names no label of this model.
            TypeError: ``texts`` is a single string.
        """
        if isinstance(texts, str):
            raise TypeError("classify() takes a sequence of texts, not one string")
        cols = np.arange(len(self.labels))
        if labels is not None:
            wanted = set(labels)
            cols = np.array([i for i, lab in enumerate(self.labels) if lab in wanted], dtype=np.int64)
            if len(cols) == 0:
                raise EventModelError(f"none of the labels {sorted(wanted)!r} is known to this model; "
                                      f"its labels are {list(self.labels)!r}")
        names = [self.labels[i] for i in cols]
        out: list[EventTypePrediction] = []
        for lo in range(0, len(texts), batch_size):
            probs = self.probabilities(texts[lo:lo + batch_size])[:, cols]
            probs = probs / probs.sum(axis=1, keepdims=True)
            for row in probs:
                order = np.argsort(-row, kind="stable")
                label = names[order[0]]
                etype = self.event_types.get(label)
                out.append(EventTypePrediction(
                    label=label,
                    event_type=etype,
                    sub_event_type=label if etype is not None else None,
                    probability=float(row[order[0]]),
                    distribution={names[j]: float(row[j]) for j in order},
                ))
        return out

    def save(self, path: str | Path) -> Path:
        """Write the model files into folder ``path`` (created if needed); return the folder."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        inverse = sorted(self.index, key=self.index.__getitem__)
        (folder / _FEATURES).write_text("\n".join(inverse) + "\n", encoding="utf-8")
        # an .npz written member by member with a fixed date: equal models give equal bytes
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, array in (("weights", self.weights.astype(np.float16)), ("bias", self.bias.astype(np.float32))):
                member = io.BytesIO()
                np.save(member, array, allow_pickle=False)
                zf.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), member.getvalue(),
                            compress_type=zipfile.ZIP_DEFLATED)
        (folder / _WEIGHTS).write_bytes(buf.getvalue())
        meta = dict(self.meta)
        meta.update(format=MODEL_FORMAT, labels=list(self.labels), event_types=self.event_types,
                    temperature=self.temperature, features=len(inverse))
        (folder / _META).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return folder


def _read_model(folder: Path | resources.abc.Traversable) -> EventTypeClassifier:
    where = str(folder)
    missing = [name for name in (_META, _FEATURES, _WEIGHTS) if not folder.joinpath(name).is_file()]
    if missing:
        raise EventModelError(f"{where}: not an event-type model folder (missing {', '.join(missing)})")
    try:
        meta = json.loads(folder.joinpath(_META).read_text(encoding="utf-8"))
        if meta.get("format") != MODEL_FORMAT:
            how = ("retrain it from your export: rashomon train events --acled EXPORT.csv --out FOLDER"
                   if str(meta.get("source", "")).startswith("ACLED export")
                   else "retrain it: rashomon train events --out FOLDER")
            raise EventModelError(f"{where}: model format {meta.get('format')!r}; this version of rashomon "
                                  f"reads format {MODEL_FORMAT} ({how})")
        labels = tuple(meta["labels"])
        event_types = {lab: meta["event_types"].get(lab) for lab in labels}
        names = folder.joinpath(_FEATURES).read_text(encoding="utf-8").split("\n")
        with folder.joinpath(_WEIGHTS).open("rb") as fh:
            arrays = np.load(fh)
            weights, bias = arrays["weights"], arrays["bias"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise EventModelError(f"{where}: unreadable event-type model: {exc!r}") from exc
    if names and names[-1] == "":
        names.pop()
    if weights.shape != (len(names), len(labels)) or bias.shape != (len(labels),):
        raise EventModelError(f"{where}: weights of shape {weights.shape} do not match "
                              f"{len(names)} features and {len(labels)} labels")
    return EventTypeClassifier(
        labels=labels,
        event_types=event_types,
        index={name: i for i, name in enumerate(names)},
        weights=weights,
        bias=bias,
        temperature=float(meta.get("temperature", 1.0)),
        meta=meta,
    )


@lru_cache(maxsize=1)
def _default() -> EventTypeClassifier:
    folder = resources.files("rashomon.knowledge").joinpath("models", "events")
    model = _read_model(folder)
    logger.debug("event-type model loaded: %d features, %d labels", len(model.index), len(model.labels))
    return model


def load(path: str | Path | None = None) -> EventTypeClassifier:
    """Load an event-type model: the shipped one (``path=None``, cached per process) or a folder.

    Args:
        path: a folder written by :meth:`EventTypeClassifier.save` (for instance by
            ``rashomon train events --acled EXPORT.csv``); None for the model shipped in the package.

    Raises:
        EventModelError: the folder holds no readable model.
    """
    if path is None:
        return _default()
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise EventModelError(f"{folder}: no such model folder")
    return _read_model(folder)


def classify(texts: Sequence[str], *, classifier: EventTypeClassifier | None = None,
             labels: Collection[str] | None = None) -> list[EventTypePrediction]:
    """Predict the ACLED event type and sub-type of each text.

    Args:
        texts: sentences or short snippets.
        classifier: a model from :func:`load`; None for the shipped model.
        labels: restrict the choice to these labels (see :meth:`EventTypeClassifier.classify`).

    Returns:
        One :class:`EventTypePrediction` per text, in order.

    Notes:
        Does not find event mentions or their participants: it types a text already known to
        be about one event (the events stage decides what the text is).
    """
    model = classifier if classifier is not None else load()
    return model.classify(texts, labels=labels)
