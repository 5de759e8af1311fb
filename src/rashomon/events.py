"""Events stage: each claim's content yields event mentions.

For every sentence of a claim's content: the event trigger and its ACLED type,
who attacked whom (resolved to sides, with perspective words such as "the
enemy" or "our units" read relative to the claimant), places, time, casualties
per party as count intervals, weapons, and the flags that keep a mention out of
incidents (negated, hypothetical, forecast, historical) or mark it as a further,
distinct event ("another attack").

The first version types events with a trigger lexicon (lexicons.yaml); the
rules are written for the language of conflict reporting, not for any text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process
from spacy.tokens import Doc, Span as SpacySpan, Token

from rashomon.knowledge.actors import ActorBase
from rashomon.knowledge.gazetteer import Gazetteer
from rashomon.knowledge.lexicons import Lexicons, Trigger, default_lexicons
from rashomon.language import doc_text, lemma_of, sentences
from rashomon.places import find_places
from rashomon.model import (
    Casualty, Claim, DateBasis, Document, EventFlags, EventMention, PartyRef, Place, Span, TimeInterval,
)
from rashomon.quantities import parse_count
from rashomon.timex import Reference, find_times

logger = logging.getLogger(__name__)

# ----------------------------------------------------------------- calibrated constants
#: The trained classifier (rashomon.event_types) overrides the lexicon's type at this
#: probability. Swept on CASE 2021 dev (`rashomon eval events`): weighted F1 0.756 at 0.0
#: (classifier always), 0.753 at 0.3, 0.744 at 0.5, 0.722 at 0.7 — the lexicon is the weaker
#: typer even where the classifier hesitates; 0.3 keeps it only for the most uncertain sentences.
CLASSIFIER_MIN_PROBABILITY = 0.3
#: ... but a sentence the trigger lexicon reads as violent is called a non-violent event
#: (strategic development, protest) only at this probability: "X clashed with Y. Casualties
#: unknown." is a battle even where unfamiliar group names make the classifier hesitate.
#: Swept on the even rows of the ACLED sample (500): event type 0.890 at 0.3 (no extra bar),
#: 0.906 at 0.5, 0.904 at 0.7.
CLASSIFIER_CALM_OVER_VIOLENT = 0.5
#: ... and calls a mention no violent event at this probability (89% right at 0.9).
CLASSIFIER_NON_EVENT_PROBABILITY = 0.9
#: A sentence without any trigger word becomes a mention when the classifier gives it one of
#: these (non-violent) event types with at least this probability (see MentionFinder._untriggered).
#: Calibrated on the even rows of a 1,000-row spread sample of the ACLED Somalia export (500
#: rows): event type accuracy 0.866 at 0.5, 0.894 at 0.35, 0.896 at 0.3, 0.904 at 0.2; 0.3 taken
#: as a margin against news sentences that merely sound official. Checked on the odd rows: 0.872.
CLASSIFIER_UNTRIGGERED_PROBABILITY = 0.3
_UNTRIGGERED_TYPES = frozenset({"Strategic developments", "Protests"})
#: Sub-types that a trigger-less sentence may report as the outcome of the event told before it.
_OUTCOME_LABELS = frozenset({"Government regains territory", "Non-state actor overtakes territory",
                             "Non-violent transfer of territory"})
#: Misspelled triggers ("artillary", "provoation") are matched with rapidfuzz's
#: ratio against the trigger lexicon: 88 admits one wrong or missing letter in
#: words of 8+ letters. At 7 letters and 85, ordinary words hit ("looking" ->
#: "looting" scored 85.7 on a seed text), hence the length floor.
FUZZY_TRIGGER_MIN_RATIO = 88
FUZZY_TRIGGER_MIN_LEN = 8

#: A dated mention this many days before its statement is historical ("the
#: April 2016 offensive" in a 2017 report); 60 days keeps "last month" recent.
HISTORICAL_DAYS = 60

_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,40}(?:,[^—–\n]{0,60}?)?\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|--| - )\s*")
#: Nouns (and the verbs "meet", "convene") for the setting of a statement: a place attached
#: to them is where it was said ("the committee, meeting in Islamabad, rejected ...").
_SPEECH_SETTINGS = {"briefing", "conference", "statement", "meeting", "interview", "speech", "address", "session",
                    "summit", "talks", "rally", "visit", "meet", "convene"}
_QUANTIFIER_WORDS = {"at", "least", "most", "about", "around", "nearly", "almost", "some", "up", "to", "over",
                     "more", "than", "approximately", "roughly", "dozens", "hundreds", "scores", "tens"}
_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_MODAL_NOUNS = {"risk", "threat", "danger", "possibility", "prospect", "fear", "likelihood", "chance", "scenario"}
_ATTACK_VERB_LEMMAS = {"attack", "launch", "undertake", "make", "carry", "conduct", "open", "fire", "shell", "strike",
                       "penetrate", "infiltrate", "bomb", "target", "try", "attempt", "use", "subject", "mount", "stage",
                       "storm", "raid", "ambush", "shoot", "hit", "destroy", "kill", "commit", "initiate", "start"}
_TARGET_PREPS = {"on", "against", "toward", "towards", "into", "at", "in"}
_PREVENTIVE = {"prevent", "avoid", "refrain", "deter", "stop", "halt", "urge", "call", "warn", "threaten",
               "repulse", "repel", "thwart", "equip", "ready", "prepare"}
_CIVILIAN_CONTEXT = re.compile(r"\b(village|town|city|settlement|civilian|residential|homes?|houses?|school|hospital)s?\b", re.I)
_FORECAST_RE = re.compile(r"\b(will|would|likely|unlikely|expected|expects?|plans?|planning|prepar\w+|threat\w*|"
                          r"within the (?:coming|next)|in the (?:coming|next)|upcoming|may|might|could|risk)\b", re.I)
_HYPOTHETICAL_RE = re.compile(r"\b(if|unless|in case|scenario|any (?:renewed|future|attack)|should .* (?:attack|launch))\b", re.I)
#: A sentence that breaks an earlier total down ("Of these, ...", "Among them ...") gives a
#: part of that total, which must neither add to it nor update it.
_BREAKDOWN_RE = re.compile(r"\W*(?:of (?:these|those|them|whom|the dead|the victims)|among (?:them|these|those|the dead|"
                           r"the victims)|including)\b", re.I)
_HISTORY_RE = re.compile(r"\b(anniversary|in (?:19|20)\d\d|(?:19|20)\d\d war|commemorat\w+|at the height of)\b", re.I)


def _lemma(tok: Token) -> str:
    return lemma_of(tok).lower()


class MentionFinder:
    """Event mentions of one document."""

    def __init__(self, document: Document, doc: Doc, claims: Sequence[Claim], *, actors: ActorBase,
                 gazetteer: Gazetteer | None, lexicons: Lexicons | None = None, event_classifier=None):
        self.document = document
        self.classifier = event_classifier
        self.doc = doc
        self.claims = claims
        self.actors = actors
        self.gaz = gazetteer
        self.lex = lexicons or default_lexicons()
        self.mentions: list[EventMention] = []
        self._context_countries = self._countries_in_text()
        self._units = sentences(doc)
        self._credits = [c for c in (*document.relays, document.outlet or "") if c]
        self._fuzzy_keys = [k for k in self.lex.triggers if " " not in k and len(k) >= FUZZY_TRIGGER_MIN_LEN]

    # ------------------------------------------------------------------ context
    def _countries_in_text(self) -> set[str]:
        """Countries of the parties to a conflict the text is about (sides of a conflict pack).

        Countries named only in passing (a diplomat "of the United States") do not count:
        they would let small foreign towns through as places.
        """
        conflict: set[str] = set()
        other: set[str] = set()
        for m in self.actors.find(doc_text(self.doc)[:20000]):
            if not m.actor.country or m.actor.side in (None, "neutral"):
                continue
            (conflict if self.actors.opponent(m.actor.side) else other).add(m.actor.country)
        return conflict or other

    def _reference(self, claim: Claim) -> Reference | None:
        if claim.statement_time is None:
            return None
        # The day of a statement is known from given or metadata dates, a date the text pins, or a
        # live-blog update's time; a date inferred as "the latest the text mentions" is only a lower bound.
        timed_segment = claim.segment is not None and self.document.segments[claim.segment].time is not None
        uncertain = not timed_segment and self.document.published_basis not in (
            DateBasis.GIVEN, DateBasis.METADATA, DateBasis.PINNED)
        return Reference(time=claim.statement_time, uncertain=uncertain)

    # ------------------------------------------------------------------ triggers
    def _in_scare_quotes(self, tok: Token) -> bool:
        """A word in short quotation marks (the “attacks”) is someone else's term, not an event report."""
        text = doc_text(self.doc)
        left = text[max(0, tok.idx - 40):tok.idx]
        right = text[tok.idx + len(tok):tok.idx + len(tok) + 40]
        lq = max(left.rfind("“"), left.rfind('"'))
        rq_candidates = [i for i in (right.find("”"), right.find('"')) if i >= 0]
        if lq < 0 or not rq_candidates:
            return False
        inside = left[lq + 1:] + tok.text + right[:min(rq_candidates)]
        return len(inside.split()) <= 3 and "”" not in left[lq + 1:]

    def _trigger_of(self, tok: Token) -> Trigger | None:
        if tok.pos_ not in ("NOUN", "VERB", "PROPN", "ADJ") or self._in_scare_quotes(tok):
            return None
        if tok.pos_ == "ADJ" and _lemma(tok) in ("offensive", "fighting", "military") and tok.dep_ == "amod":
            return None
        lemma = _lemma(tok)
        low = tok.lower_
        for key in (lemma, low):
            if key in self.lex.triggers:
                trig = self.lex.triggers[key]
                if key in ("fire",) and tok.pos_ == "NOUN" and not any(
                        c.lower_ in ("open", "opened") for c in (tok.head,)) and lemma_of(tok.head) not in ("open", "subject"):
                    if not any(w in tok.sent.text.lower() for w in ("opened fire", "open fire", "under fire", "to fire")):
                        return None
                if key in ("strike", "mine", "post", "bomb") and tok.pos_ not in ("NOUN", "VERB"):
                    return None
                if key == "mine" and tok.pos_ == "PRON":
                    return None
                return trig
        if tok.is_alpha and len(low) >= FUZZY_TRIGGER_MIN_LEN and tok.pos_ in ("NOUN", "VERB", "ADJ", "PROPN"):
            best = process.extractOne(low, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_TRIGGER_MIN_RATIO)
            if best is not None:
                return self.lex.triggers[best[0]]
        return None

    # ------------------------------------------------------------------ parties
    def party(self, tokens: Sequence[Token] | SpacySpan, claim: Claim, head: Token | None = None) -> PartyRef | None:
        """Resolve a participant phrase to a side, reading perspective words against the claimant.

        Among several actors in the phrase the one nearest its head word wins
        ("STEPANAKERT, Artsakh (ArmRadio)—The Azerbaijani": the Azerbaijani).
        """
        if not len(tokens):
            return None
        tokens = list(tokens)
        if head is None:
            heads = [t for t in tokens if t.head not in tokens or t.head.i == t.i]
            head = heads[0] if heads else tokens[-1]
        dash = [t for t in tokens if t.text in ("—", "–") or "—" in t.text]
        if dash and any(t.i > dash[-1].i for t in tokens):
            tokens = [t for t in tokens if t.i > dash[-1].i]  # "KYIV (AP) — Russian forces": a dateline is no party
            if head not in tokens:
                head = tokens[0]
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t) for t in tokens)
        text = doc_text(self.doc)[start:end]
        low = text.lower()
        side: str | None = None
        actor: str | None = None
        claimant_side = claim.claimant.side
        if any(re.search(rf"\b{re.escape(term)}\b", low) for term in self.lex.adversary_terms):
            if claimant_side and claimant_side != "neutral":
                side = self.actors.opponent(claimant_side)
        elif re.search(r"\b(we|our|us)\b", low):
            side = claimant_side if claimant_side != "neutral" else None
        if side is None:
            matches = [m for m in self.actors.find(text) if m.actor.side and m.actor.side != "neutral"]
            if not matches:
                # "russian occupation forces": some outlets lower-case the adversary's name on purpose
                chars = list(text)
                for t in tokens:
                    if t.text.islower() and (t.ent_type_ in ("NORP", "GPE") or t.pos_ in ("ADJ", "PROPN")):
                        chars[t.idx - start] = chars[t.idx - start].upper()
                matches = [m for m in self.actors.find("".join(chars)) if m.actor.side and m.actor.side != "neutral"]
            if matches:
                h = head.idx - start
                best = min(matches, key=lambda m: 0 if m.start <= h < m.end else min(abs(m.start - h), abs(m.end - h)))
                side, actor = best.actor.side, best.actor.id
        if side is None and re.match(r"(it|its|they|their|them)\b", low):
            side = self._subject_side(head, claim)
        if side is None:
            return PartyRef(text=text, span=Span.of(doc_text(self.doc), start, end))
        return PartyRef(text=text, side=side, actor=actor, span=Span.of(doc_text(self.doc), start, end))

    def _dateline_end(self, tok: Token) -> int | None:
        """End offset of a dateline ("KYIV, Ukraine (AP) —") opening the paragraph of ``tok``, if any."""
        text = doc_text(self.doc)
        para = text.rfind("\n", 0, tok.idx) + 1
        m = _DATELINE.match(text, para)
        return m.end() if m and m.end() <= tok.idx else None

    def _subject_side(self, tok: Token, claim: Claim) -> str | None:
        """What "it"/"its" refers to: the subject of the clause above, else the claimant."""
        node = tok
        for _ in range(6):
            node = node.head
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i
                         and c.lower_ not in ("it", "its", "they", "their")), None)
            if subj is not None:
                p = self.party(list(subj.subtree), claim)
                if p is not None and p.side:
                    return p.side
            if node.head.i == node.i:
                break
        side = claim.claimant.side
        return side if side and side != "neutral" else None

    def _prep_target(self, prep: Token, claim: Claim) -> PartyRef | None:
        """The party a targeting preposition points at ("an attack on Armenian positions")."""
        if prep.dep_ != "prep" or prep.lower_ not in _TARGET_PREPS:
            return None
        objs = [g for g in prep.children if g.dep_ == "pobj"]
        if not objs:
            return None
        p = self.party(list(objs[0].subtree), claim)
        return p if p is not None and p.side else None

    def _roles(self, trig_tok: Token, sent: Sequence[Token], claim: Claim) -> tuple[PartyRef | None, PartyRef | None]:
        initiator = target = None
        # noun trigger: "Armenian incursion", "attack by X", "Azerbaijan's attack"
        if trig_tok.pos_ in ("NOUN", "PROPN"):
            mods = [c for c in trig_tok.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                    and _lemma(c) not in ("attempt", "attempted", "another", "new", "fierce", "heavy", "large", "serious")]
            for c in mods:
                p = self.party(list(c.subtree), claim)
                if p is not None and p.side:
                    initiator = p
                    break
            owners = [trig_tok] + ([trig_tok.head] if trig_tok.dep_ == "compound" else [])
            for c in (ch for o in owners for ch in o.children):
                if c.dep_ == "prep" and c.lower_ == "by":
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    if objs:
                        initiator = self.party(list(objs[0].subtree), claim) or initiator
                target = self._prep_target(c, claim) or target
            acc = trig_tok.head.head if trig_tok.dep_ == "pobj" and trig_tok.head.lower_ in ("for", "of") else None
            if acc is not None and self.lex.reporting_verbs.get(_lemma(acc)) == "accusation":
                obj = next((c for c in acc.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    p = self.party(list(obj.subtree), claim)
                    if p is not None and p.side:
                        return p, None
            verb = trig_tok.head
            hops = 0
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and hops < 3:
                verb = verb.head
                hops += 1
        else:
            verb = trig_tok
        # the subject of the verb is the initiator when the verb is the trigger or carries it out
        # ("launched an offensive", "undertook an attack"), not when the trigger hangs off a
        # preposition ("killed two soldiers during an attempted incursion")
        carried = trig_tok.dep_ in ("dobj", "attr", "xcomp", "ccomp", "conj", "advcl") or (
            trig_tok.dep_ == "compound" and trig_tok.head.dep_ in ("dobj", "attr"))
        if initiator is None and verb.pos_ in ("VERB", "AUX") and (
                verb.i == trig_tok.i or (_lemma(verb) in _ATTACK_VERB_LEMMAS and carried)):
            v = verb
            for _ in range(3):
                subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    subj_tokens = list(subj.subtree)
                    dl = self._dateline_end(v)
                    if dl is not None and subj_tokens[-1].idx < dl:
                        # the parser took the dateline ("STEPANAKERT (Agency)—") for the subject
                        subj_tokens = [t for t in self.doc[subj_tokens[-1].i:v.i] if t.idx >= dl]
                        if not subj_tokens:
                            break
                    p = self.party(subj_tokens, claim)
                    if p is not None and p.side:
                        initiator = p
                    break
                agent = next((c for c in v.children if c.dep_ == "agent"), None)
                if agent is not None:
                    objs = [g for g in agent.children if g.dep_ == "pobj"]
                    if objs:
                        initiator = self.party(list(objs[0].subtree), claim)
                    break
                if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
                    # a participle's noun does it: "the Indian aircraft ... penetrating three miles"
                    p = self.party([t for t in v.head.subtree if t.i <= v.head.i], claim)
                    if p is not None and p.side:
                        initiator = p
                    break
                if v.dep_ in ("xcomp", "relcl", "advcl", "conj", "ccomp") and v.head.i != v.i:
                    if v.dep_ in ("ccomp", "advcl") and _lemma(v.head) in self.lex.reporting_verbs:
                        break  # whoever "stated" it reports the attack; that does not make them its author
                    v = v.head
                    continue
                break
            if target is None:
                for c in verb.children:
                    if c.dep_ == "dobj" and c.i != trig_tok.i:
                        p = self.party(list(c.subtree), claim)
                        if p is not None and p.side:
                            target = p
                    target = self._prep_target(c, claim) or target
        if initiator is not None and target is not None and initiator.side == target.side:
            target = None
        return initiator, target

    # ------------------------------------------------------------------ casualties
    def casualties(self, sent: Sequence[Token], claim: Claim, initiator: PartyRef | None) -> tuple[list[Casualty], bool]:
        """Casualties stated in a sentence, and whether only animals or things were said to be killed."""
        found: list[Casualty] = []
        nonhuman_only = False
        for tok in sent:
            lemma = _lemma(tok)
            kind = {"kill": "killed", "die": "killed", "wound": "wounded", "injure": "wounded",
                    "capture": "captured"}.get(lemma)
            if kind and tok.pos_ == "VERB":
                victims = self._victims(tok)
                if victims is None:
                    continue
                head = victims
                if _lemma(head) in self.lex.nonhuman_nouns or head.lower_ in self.lex.nonhuman_nouns:
                    nonhuman_only = True
                    continue
                if kind == "captured" and not (_lemma(head) in self.lex.military_nouns or _lemma(head) in self.lex.civilian_nouns):
                    continue
                c = self._casualty(kind, head, tok, claim, initiator)
                if c is not None:
                    found.append(c)
                for other in _counted_conjuncts(head):  # "3 soldiers and 20 militants were killed"
                    c = self._casualty(kind, other, tok, claim, initiator, own_count=True)
                    if c is not None:
                        found.append(c)
            elif lemma in ("lose", "suffer", "incur", "sustain", "have", "take") and tok.pos_ in ("VERB", "AUX"):
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                if obj is None:
                    continue
                obj_lemma = _lemma(obj)
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if obj_lemma in ("loss", "casualty", "death", "fatality") or obj.lower_ in ("losses", "casualties"):
                    party = self.party(list(subj.subtree), claim) if subj is not None else None
                    negated = any(c.dep_ == "neg" for c in tok.children) or any(
                        c.lower_ in ("no", "zero") for c in obj.children) or any(
                        c.lower_ == "any" and any(n.dep_ == "neg" for n in tok.children) for c in obj.children)
                    span = self._np_span([tok, *obj.subtree])
                    count_text = span.text
                    if negated:
                        count = parse_count("no", plural=True).model_copy(update={"min": 0, "max": 0, "text": count_text})
                    else:
                        count = parse_count(" ".join(t.text for t in obj.subtree if t.i <= obj.i)) or None
                        if count is None:
                            continue
                        if count.min == 1 and count.max == 1:
                            count = count.model_copy(update={"max": None})
                    if party is not None and party.side:
                        found.append(Casualty(kind="killed", party=party.side, count=count, span=span))
                elif lemma == "lose" and (obj_lemma in self.lex.military_nouns or obj_lemma in self.lex.civilian_nouns):
                    party = self.party(list(subj.subtree), claim) if subj is not None else None
                    count = parse_count(" ".join(t.text for t in obj.subtree if t.i <= obj.i), plural=obj.tag_ in ("NNS", "NNPS"))
                    if party is not None and party.side and count is not None:
                        found.append(Casualty(kind="killed", party=party.side, count=count,
                                              span=self._np_span([tok, *obj.subtree])))
            elif lemma in ("loss", "corpse", "body") and tok.pos_ == "NOUN" and tok.dep_ not in ("dobj",):
                of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                if of is None or lemma_of(tok.head) in ("recover", "recovery", "remove", "evacuation"):
                    continue
                objs = [g for g in of.children if g.dep_ == "pobj"]
                if objs:
                    party = self.party(list(objs[0].subtree), claim)
                    if party is not None and party.side:
                        found.append(Casualty(kind="killed", party=party.side,
                                              count=parse_count("a number of"). model_copy(update={"text": tok.text}),
                                              span=self._np_span([tok, *of.subtree])))
        if nonhuman_only and not found and _CIVILIAN_CONTEXT.search(" ".join(t.text for t in sent)):
            anchor = next(t for t in sent if _lemma(t) in ("kill", "die"))
            span = self._np_span([anchor, *anchor.subtree])
            found.append(Casualty(kind="killed", party="civilians",
                                  count=parse_count("no").model_copy(update={"min": 0, "max": 0, "text": span.text}),
                                  span=span))
        return found, nonhuman_only

    def _victims(self, verb: Token) -> Token | None:
        v = self._victims_raw(verb)
        for _ in range(3):  # "the names of its soldiers killed": the soldiers
            if v is None or _lemma(v) in self.lex.military_nouns or _lemma(v) in self.lex.civilian_nouns:
                break
            of = next((c for c in v.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if obj is None:
                break
            v = obj
        return v

    def _victims_raw(self, verb: Token) -> Token | None:
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head
        for c in verb.children:
            if c.dep_ in ("nsubjpass",) or (c.dep_ == "dobj" and _lemma(verb) != "die"):
                return c
        if _lemma(verb) == "die":
            return next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return None

    def _casualty(self, kind: str, head: Token, verb: Token, claim: Claim, initiator: PartyRef | None,
                  own_count: bool = False) -> Casualty | None:
        """One casualty figure for the victims ``head`` of ``verb``; ``own_count`` for a conjunct
        ("... and 20 militants"), whose number is in its own words, not the first conjunct's."""
        np_tokens = [t for t in head.subtree if t.i <= head.i or t.dep_ in ("prep", "pobj") and t.head.i == head.i]
        if verb.dep_ == "acl":
            np_tokens = [t for t in head.subtree if t.i <= head.i]
        span = self._np_span(np_tokens if verb.dep_ == "acl" else [*np_tokens, verb])
        head_lemma = _lemma(head)
        raw = head if own_count else (self._victims_raw(verb) or head)
        first = min(raw.left_edge.i, head.left_edge.i)
        while first > 0 and (self.doc[first - 1].like_num or self.doc[first - 1].lower_ in _QUANTIFIER_WORDS):
            first -= 1  # a number the parser cut off into its own tree ("Two | Azerbaijani soldiers")
        words = " ".join(t.text for t in self.doc[first:head.i + 1])  # "Dozens of civilians", not "civilians"
        plural = head.tag_ in ("NNS", "NNPS") or head.lower_ in ("people", "personnel", "troops", "children")
        count = parse_count(words, plural=plural)
        if count is None:
            return None
        if head_lemma in self.lex.civilian_nouns or head.lower_ in self.lex.civilian_nouns:
            party = "civilians"
        else:
            ref = self.party(np_tokens, claim)
            party = ref.side if ref is not None and ref.side else None
            if party is None and head.pos_ == "PRON" and head.lower_ in ("them",):
                party = None
            if party is None:
                killer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                node = verb
                while killer is None and node.dep_ in ("conj", "advcl", "xcomp") and node.head.i != node.i:
                    node = node.head
                    killer = next((c for c in node.children if c.dep_ == "nsubj"), None)
                if killer is not None and _lemma(verb) == "kill":
                    kp = self.party(list(killer.subtree), claim)
                    if kp is not None and kp.side:
                        party = self.actors.opponent(kp.side)
                elif initiator is not None and initiator.side and verb.dep_ != "acl":
                    party = None
        if party is None:
            party = "unknown"
        return Casualty(kind=kind, party=party, count=count, span=span)  # type: ignore[arg-type]

    def _np_span(self, tokens: Sequence[Token]) -> Span:
        start = min(t.idx for t in tokens)
        end = max(t.idx + len(t) for t in tokens)
        return Span.of(doc_text(self.doc), start, end)

    # ------------------------------------------------------------------ places
    def places(self, sent: SpacySpan) -> list[Place]:
        """Places where the sentence's events happen (:func:`rashomon.places.find_places`, events mode)."""
        if self.gaz is None:
            return []
        found = find_places(self.document, self.doc, gazetteer=self.gaz, actors=self.actors, sentence=sent,
                            include_actors=False, context=self._context_countries)
        return [p for p in found if not self._where_said(p)]

    def _where_said(self, place: Place) -> bool:
        """A place that locates the statement, not the event: "told reporters in New Delhi",
        "a briefing in Islamabad", or a "Rawalpindi, 26 February" line heading a press release."""
        if place.span is None:
            return False
        span = self.doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
        if span is None:
            return False
        line_start = doc_text(self.doc).rfind("\n", 0, place.span.start) + 1
        line_end = doc_text(self.doc).find("\n", place.span.end)
        line = doc_text(self.doc)[line_start:len(doc_text(self.doc)) if line_end < 0 else line_end]
        if len(line) < 60 and re.fullmatch(r"[\w .'’-]+,\s*\d{1,2}\s+\w+\s+\d{4}\.?|[\w .'’-]+,\s*\w+\s+\d{1,2},?\s+\d{4}\.?",
                                          line.strip()):
            return True  # a dateline of its own: where the statement was issued
        node = span.root
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                break
            lemma = lemma_of(head).lower()
            if self.lex.reporting_verbs.get(lemma) in ("neutral", "accusation", "denial", "appeal") or \
                    lemma in _SPEECH_SETTINGS:
                return node.dep_ in ("pobj", "prep") or node.head.dep_ == "prep"
            node = head
        return False

    # ------------------------------------------------------------------ flags
    def _flags(self, trig: Token, sent: SpacySpan, time: TimeInterval | None, ref: Reference | None,
               claim: Claim) -> EventFlags:
        head_verb = trig if trig.pos_ in ("VERB", "AUX") else trig.head
        negated = any(c.dep_ == "neg" for c in head_verb.children) and _lemma(head_verb) not in ("have", "suffer", "incur")
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in trig.children):
            negated = True  # "did not attack", "there were no clashes"
        clause = " ".join(t.text for t in head_verb.subtree)
        aux: set[str] = set()
        preventive = False
        node = trig
        for _ in range(4):
            aux |= {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
            if node.i != trig.i and _lemma(node) in _MODAL_NOUNS:
                preventive = True  # "the risk of renewed hostilities"
            if node.i != trig.i and _lemma(node) in _PREVENTIVE and (
                    node.tag_ not in ("VBD", "VBN") or any(c.lower_ in ("any", "further") for c in trig.children)):
                preventive = True  # "to prevent any further attacks"; not "we prevented 2 attempts"
            if node.head.i == node.i:
                break
            node = node.head
        forecast = bool(aux & {"will", "would", "may", "might", "could", "shall"}) or bool(
            _FORECAST_RE.search(clause) and re.search(r"\b(likely|coming|next|expected|will)\b", clause, re.I))
        hypothetical = (bool(_HYPOTHETICAL_RE.search(clause)) or preventive) and not negated
        historical = False
        if time is not None and ref is not None and (ref.time.date() - time.end).days > HISTORICAL_DAYS:
            historical = True
        for t in find_times(sent.text, ref, vague=False):
            if ref is not None and (ref.time.date() - t.end).days > HISTORICAL_DAYS:
                historical = True
        if _HISTORY_RE.search(sent.text):
            historical = True
        another = any(t.lower_ in self.lex.another_cues for t in trig.children if t.dep_ in ("amod", "det", "advmod"))
        denial = self.lex.reporting_verbs.get(_cue_lemma(self.doc, claim), "") == "denial"
        return EventFlags(negated=negated and not denial, hypothetical=hypothetical and not forecast, forecast=forecast,
                          historical=historical, another=another, denial=denial)

    # ------------------------------------------------------------------ main
    def run(self) -> list[EventMention]:
        for claim in self.claims:
            span = self.doc.char_span(claim.start, claim.end, alignment_mode="expand")
            if span is None:
                continue
            sents: list[SpacySpan] = []
            for sent in self._units:
                if sent.end_char <= claim.start or sent.start_char >= claim.end:
                    continue
                sents.append(sent)
            for sent in sents:
                lo, hi = max(sent.start_char, claim.start), min(sent.end_char, claim.end)
                part = self.doc.char_span(lo, hi, alignment_mode="expand")
                if part is not None and len(part):
                    self._mention(claim, sent, part)
        if self.classifier is not None and self.mentions:
            self.mentions = self._classify(self.mentions)
        return self.mentions

    def _classify(self, mentions: list[EventMention]) -> list[EventMention]:
        """Type each mention with the trained classifier where it is confident; the lexicon's type stays otherwise.

        The classifier reads the sentence a mention comes from. It overrides the trigger lexicon
        at :data:`CLASSIFIER_MIN_PROBABILITY`; it calls a mention "no event" (or a crime, a
        disaster, diplomacy) only at :data:`CLASSIFIER_NON_EVENT_PROBABILITY` and only when the
        mention reports no casualties, and then the mention becomes non-violent.
        """
        from rashomon.event_types import classify

        texts = [doc_text(self.doc)[m.start:m.end] for m in mentions]
        out = []
        for m, p in zip(mentions, classify(texts, classifier=self.classifier)):
            needed = CLASSIFIER_MIN_PROBABILITY
            if m.event_type in _VIOLENT_TYPES and p.event_type in _UNTRIGGERED_TYPES:
                needed = CLASSIFIER_CALM_OVER_VIOLENT
            if p.sub_event_type and p.probability >= needed:
                violent = p.event_type not in ("Protests", "Strategic developments") or bool(m.casualties)
                m = m.model_copy(update={"event_type": p.event_type, "sub_event_type": p.sub_event_type,
                                         "violent": violent or m.violent and p.event_type == "Riots"})
            elif not p.sub_event_type and p.probability >= CLASSIFIER_NON_EVENT_PROBABILITY and not m.casualties:
                m = m.model_copy(update={"violent": False, "event_type": None, "sub_event_type": None})
            out.append(m)
        return out

    def _mention(self, claim: Claim, sent: SpacySpan, part: SpacySpan) -> None:
        triggers: list[tuple[Token, Trigger]] = []
        for tok in part:
            trig = self._trigger_of(tok)
            if trig is not None:
                triggers.append((tok, trig))
        low = part.text.lower()
        for phrase in self.lex.multiword_triggers:
            i = low.find(phrase)
            if i >= 0:
                tok = self.doc.char_span(part.start_char + i, part.start_char + i + len(phrase), alignment_mode="expand")
                if tok is not None:
                    triggers.append((tok[-1], self.lex.triggers[phrase]))
        strong = [(t, g) for t, g in triggers if g.strength == "strong"]
        weak = [(t, g) for t, g in triggers if g.strength == "weak"]
        casualty_triggers = [(t, g) for t, g in triggers if g.strength == "casualty"]
        if not (strong or weak or casualty_triggers):
            self._untriggered(claim, sent, part)
            return
        main_tok, main = (strong or casualty_triggers or weak)[0]
        event_type, sub_type = self._type(strong or weak)
        initiator = target = None
        for tok, _ in (strong or weak):
            i, t = self._roles(tok, part, claim)
            initiator = initiator or i
            target = target or t
            if initiator and target:
                break
        ref = self._reference(claim)
        times = _content_times(find_times(sent.text, ref, offset=sent.start_char, vague=False), claim)
        absolute = [t for t in times if t.precision == 1 and not t.uncertain and t.text[:1].isdigit() or
                    t.precision == 1 and any(ch.isdigit() for ch in t.text) and not t.uncertain]
        time = next(iter(absolute), next((t for t in times if t.precision == 1), times[0] if times else None))
        casualties, nonhuman = self.casualties(part, claim, initiator)
        if not strong and not weak and casualties and _BREAKDOWN_RE.match(part.text):
            return  # "Of these, 38 died at the station": a part of a total already told, not a new figure
        if not strong and not casualties and not weak:
            return
        if not strong and not weak and casualties and self._join_previous(claim, sent, part, casualties):
            return
        flags = self._flags(main_tok, sent, time, ref, claim)
        weapons = tuple(
            Span.of(doc_text(self.doc), part.start_char + m.start(), part.start_char + m.end())
            for m in self.lex.weapon_re.finditer(part.text)
        )
        violent = bool(strong or casualties or event_type in _VIOLENT_TYPES) and event_type not in (
            "Protests", "Strategic developments")
        if not strong and casualties:
            event_type = sub_type = None
        self._append(claim, part, main_tok, event_type=event_type, sub_event_type=sub_type, violent=violent,
                     initiator=initiator, target=target, places=tuple(self.places(sent)), time=time,
                     casualties=tuple(casualties), weapons=weapons, flags=flags)

    def _append(self, claim: Claim, part: SpacySpan, trigger: Token, **fields) -> None:
        """Record a mention of ``part`` (a sentence or clause of ``claim``) triggered by ``trigger``."""
        self.mentions.append(EventMention(
            id=f"{claim.id}:e{len(self.mentions) + 1}",
            claim=claim.id,
            document=self.document.id,
            start=part.start_char,
            end=part.end_char,
            text=part.text,
            trigger=Span.of(doc_text(self.doc), trigger.idx, trigger.idx + len(trigger)),
            **fields,
        ))

    def _untriggered(self, claim: Claim, sent: SpacySpan, part: SpacySpan) -> None:
        """A mention for a sentence with no trigger word that the classifier reads as a non-violent event.

        Strategic developments and protests are told in words too varied for a trigger lexicon
        ("troops were deployed in", "the group imposed a levy on", "residents took to the
        streets"); the classifier recognises them. Only these non-violent types are taken
        without a trigger, at :data:`CLASSIFIER_UNTRIGGERED_PROBABILITY`: a violent event
        needs a trigger (and its roles) from the lexicon. The trigger span is the sentence's
        main verb.
        """
        if self.classifier is None or not part.text.strip():
            return
        from rashomon.event_types import classify

        (p,) = classify([part.text], classifier=self.classifier)
        if p.label in _OUTCOME_LABELS and p.probability >= CLASSIFIER_UNTRIGGERED_PROBABILITY and \
                self._join_previous(claim, sent, part, ()):
            return  # "The troops took control of the village.": the outcome of the event just told
        if p.event_type not in _UNTRIGGERED_TYPES or p.probability < CLASSIFIER_UNTRIGGERED_PROBABILITY:
            return
        root = part.root
        ref = self._reference(claim)
        times = _content_times(find_times(sent.text, ref, offset=sent.start_char, vague=False), claim)
        time = next((t for t in times if t.precision == 1), times[0] if times else None)
        initiator = None
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            initiator = self.party(list(subj.subtree), claim)
            if initiator is not None and not initiator.side:
                initiator = None
        self._append(claim, part, root, event_type=p.event_type, sub_event_type=p.sub_event_type, violent=False,
                     initiator=initiator, places=tuple(self.places(sent)), time=time,
                     flags=self._flags(root, sent, time, ref, claim))

    def _join_previous(self, claim: Claim, sent: SpacySpan, part: SpacySpan, casualties: Sequence[Casualty]) -> bool:
        """Add a follow-up sentence (a toll, an outcome) to the event mention told just before it.

        "An IED hit a convoy near the town. Two soldiers were killed." reports one event: a
        sentence with casualties and no event word of its own ("were killed", "died") is the
        toll of the event the same claimant described in the preceding sentence, not a second
        event; so is an outcome without an event word ("The troops took control of the
        village."). The earlier mention is extended over the follow-up sentence (its text is
        what the classifier reads) and takes its casualties. Returns False (the sentence
        stands alone) when no such mention exists.
        """
        if not self.mentions:
            return False
        prev = self.mentions[-1]
        prev_claim = next((c for c in self.claims if c.id == prev.claim), None)
        if prev_claim is None or prev.end > part.start_char or (
                prev.claim != claim.id and _who(prev_claim) != _who(claim)):
            return False
        starts = [u.start_char for u in self._units]
        at = starts.index(sent.start_char) if sent.start_char in starts else -1
        same = at >= 0 and self._units[at].start_char <= prev.start
        before = at > 0 and self._units[at - 1].start_char <= prev.end - 1 < self._units[at - 1].end_char
        if not (same or before):
            return False  # the event is not told in this sentence or the one before
        end = part.end_char
        self.mentions[-1] = prev.model_copy(update={
            "end": end, "text": doc_text(self.doc)[prev.start:end],
            "casualties": (*prev.casualties, *casualties),
        })
        return True

    @staticmethod
    def _type(triggers: Sequence[tuple[Token, Trigger]]) -> tuple[str | None, str | None]:
        typed = [g for _, g in triggers if g.event_type]
        if not typed:
            return None, None
        # remote violence names the means: when a sentence names shelling or a strike, that is the event
        for g in typed:
            if g.event_type == "Explosions/Remote violence" and g.strength == "strong":
                return g.event_type, g.sub_event_type
        return typed[0].event_type, typed[0].sub_event_type


def _counted_conjuncts(head: Token) -> list[Token]:
    """Nouns joined to a victim noun by "and" that carry a number of their own ("and 20 militants")."""
    out: list[Token] = []
    todo = [c for c in head.children if c.dep_ == "conj"]
    while todo:
        tok = todo.pop(0)
        if tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "nummod" or c.like_num for c in tok.children):
            out.append(tok)
        todo.extend(c for c in tok.children if c.dep_ == "conj")
    return out


def _who(claim: Claim) -> tuple[str, str | None]:
    """The claimant of a claim, as name and actor (two statements of one speaker are one voice)."""
    return claim.claimant.name, claim.claimant.actor


def _cue_lemma(doc: Doc, claim: Claim) -> str:
    """Lemma of a claim's cue word ("denied" -> "deny")."""
    if claim.cue is None:
        return ""
    span = doc.char_span(claim.cue.start, claim.cue.end, alignment_mode="expand")
    return lemma_of(span[-1]).lower() if span is not None and len(span) else claim.cue.text.lower()


def _content_times(times: list[TimeInterval], claim: Claim) -> list[TimeInterval]:
    """The times that can date what a claim says: for a cued claim, not those between cue and content.

    "Azerbaijan's defence ministry said on 15 September that 71 of its servicemen had been
    killed": the date hangs on the saying, not on the deaths; the mention then takes the
    statement's day with the usual report lag. Narrator claims span their whole sentence.
    """
    if claim.cue is None:
        return times
    # only a date between the cue and the content: a sentence-opening "On 2 March, police said
    # militants attacked ..." usually dates the event (ACLED notes write so)
    return [t for t in times if t.span is None or not (claim.cue.end <= t.span.start and t.span.end <= claim.start)]


def find_mentions(document: Document, doc: Doc, claims: Sequence[Claim], *, actors: ActorBase,
                  gazetteer: Gazetteer | None, lexicons: Lexicons | None = None,
                  event_classifier=None) -> list[EventMention]:
    """Event mentions in the claims of one document.

    Args:
        document: the cleaned document (``doc.text == document.text``).
        doc: its spaCy parse.
        claims: the document's claims, from :func:`rashomon.claims.find_claims`.
        actors: actor base, for sides and perspective.
        gazetteer: for places; None skips place resolution.
        lexicons: trigger and casualty word lists.
        event_classifier: a loaded :class:`rashomon.event_types.EventTypeClassifier`; None types
            events with the trigger lexicon alone.

    Returns:
        Mentions in text order, flags set; filtering is the linker's job.
    """
    return MentionFinder(document, doc, claims, actors=actors, gazetteer=gazetteer, lexicons=lexicons,
                         event_classifier=event_classifier).run()
