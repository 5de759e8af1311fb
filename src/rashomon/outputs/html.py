"""The HTML report: one self-contained file an analyst reads offline.

Per incident: who claims what (a matrix of attributes by claimant, claimants grouped by side, each value with its
verdict and the quote behind it), when each side said it (a timeline), and where (an inline SVG map). Every
document's text follows, with each claim marked and anchored, so that a value links to its passage.

Safety: the report is rendered by Jinja2 with autoescaping on, so every piece of article text is escaped; no
input-derived string becomes a URL unless it is http(s); the only script is the report's own filter script, and a
Content-Security-Policy allows that script alone (by its hash) and no network access at all. The report works
without the script (the filters are then hidden).

Example:
    >>> from rashomon.outputs.html import render_report
    >>> Path("report.html").write_text(render_report(analysis), encoding="utf-8")  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from rashomon.knowledge.actors import ActorBase
from rashomon.model import Analysis, AttributeClaim, AttributeVerdict, Claim, Count, Document, Incident
from rashomon.outputs.acled import date_words, fatalities, primary_place, side_adjective, side_label
from rashomon.outputs.countries import country
from rashomon.outputs.schema import SCHEMA_VERSION
from rashomon.outputs.svgmap import MapPoint, render_map

logger = logging.getLogger(__name__)

#: Side colours, in order of first appearance (the two sides of a conflict pack take consecutive ones). Chosen
#: to stay apart for the common colour-vision deficiencies and to keep 4.5:1 contrast as text on white.
SIDE_COLOURS = ("#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be185d", "#0e7490", "#4d7c0f", "#9f1239")
NEUTRAL_COLOUR, UNKNOWN_COLOUR = "#475569", "#78716c"
STATUSES = ("agreed", "corroborated", "contested", "single_source", "denied")
STATUS_TEXT = {
    "agreed": ("✓", "agreed", "Claimants of different sides concur"),
    "corroborated": ("✓", "corroborated", "Independent claimants of one side concur"),
    "contested": ("⚠", "contested", "Claims cannot all be true"),
    "single_source": ("○", "single source", "Only one independent source"),
    "denied": ("✕", "denied", "Explicitly rejected by another side"),
}
_COUNT_KINDS = ("killed", "wounded", "captured", "missing")
_ATTR_ORDER = ("initiator", "target", "time", "location", "weapon", "outcome")
#: Quotes longer than this are shortened in the timeline (the full quote is one click away).
TIMELINE_QUOTE_CHARS = 110


# --------------------------------------------------------------------------- view records


@dataclass
class SideView:
    key: str
    label: str
    colour: str
    index: int


@dataclass
class ClaimantCol:
    key: tuple[str | None, str]
    label: str
    names: list[str]
    side: SideView


@dataclass
class ColumnGroup:
    side: SideView
    claimants: list[ClaimantCol]


@dataclass
class CellValue:
    value: str
    detail: str
    status: str
    quote: str
    anchor: str
    claimant: str
    document: str
    superseded: bool
    side: SideView | None = None
    before: str = ""
    after: str = ""


@dataclass
class AttributeRow:
    name: str
    label: str
    status: str
    estimate: str
    estimate_side: SideView | None
    sources: int
    reasons: list[str]
    cells: list[list[CellValue]]


@dataclass
class TimelineItem:
    claimant: str
    gist: str
    anchor: str


@dataclass
class TimelineRow:
    label: str
    exact: bool
    cells: list[list[TimelineItem]]


@dataclass
class IncidentView:
    id: str
    anchor: str
    title: str
    date_label: str
    date_start: str
    date_end: str
    kind: str
    where: str
    countries: list[str]
    statuses: list[str]
    disputed: list[str]
    summary: str
    fatalities: int | None
    documents: list[tuple[str, str]]
    groups: list[ColumnGroup]
    rows: list[AttributeRow]
    timeline: list[TimelineRow]
    timeline_sides: list[SideView]
    denials: list[CellValue]
    neutral: list[str]


@dataclass
class DocumentView:
    id: str
    anchor: str
    title: str
    outlet: str
    published: str
    source: str
    href: str | None
    relays: list[str]
    body: Markup
    claims: int


@dataclass
class ReportView:
    title: str
    version: str
    schema_version: str
    counts: dict[str, int]
    sides: list[SideView]
    incidents: list[IncidentView]
    documents: list[DocumentView]
    map_svg: Markup | None
    countries: list[tuple[str, str]]
    date_min: str
    date_max: str
    credits: list[str]
    errors: list[tuple[str, str]]
    statuses: dict[str, tuple[str, str, str]] = field(default_factory=lambda: STATUS_TEXT)


# --------------------------------------------------------------------------- helpers


class _Anchors:
    """HTML ids for record ids: only [A-Za-z0-9_-], unique, stable within one report."""

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self._used: set[str] = set()

    def __call__(self, prefix: str, key: str) -> str:
        full = f"{prefix}:{key}"
        if full not in self._ids:
            base = f"{prefix}-" + re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-")
            anchor, n = base, 1
            while anchor in self._used:
                n += 1
                anchor = f"{base}-{n}"
            self._ids[full] = anchor
            self._used.add(anchor)
        return self._ids[full]


class _Sides:
    """A colour and label per side, consistent over the whole report."""

    def __init__(self, actors: ActorBase) -> None:
        self.actors = actors
        self.pack_of = {s: sides for sides in actors.packs().values() for s in sides}
        self._views: dict[str | None, SideView] = {}

    def view(self, side: str | None) -> SideView:
        if side not in self._views:
            if side in self.pack_of:  # both sides of a conflict get neighbouring colours
                for s in self.pack_of[side]:
                    self._add(s)
            self._add(side)
        return self._views[side]

    def _add(self, side: str | None) -> None:
        if side in self._views:
            return
        if side is None:
            colour = UNKNOWN_COLOUR
        elif side == "neutral":
            colour = NEUTRAL_COLOUR
        else:
            used = sum(1 for k in self._views if k not in (None, "neutral"))
            colour = SIDE_COLOURS[used % len(SIDE_COLOURS)]
        self._views[side] = SideView(side or "", side_label(side, self.actors), colour, len(self._views))

    def order(self, side: str | None) -> tuple[int, int]:
        """Sort key: sides of a conflict first, then other states, neutral, unattributed."""
        v = self.view(side)
        return (2 if side is None else 1 if side == "neutral" else 0, v.index)

    def all(self) -> list[SideView]:
        return sorted(self._views.values(), key=lambda v: self.order(v.key or None))


def _value_text(value: object, sides: _Sides, attribute: str) -> tuple[str, str, SideView | None]:
    """A value as (main text, detail, side) for display."""
    if isinstance(value, Count):
        if value.max is None:
            main = f"≥ {value.min}"
        elif value.min == value.max:
            main = str(value.min)
        else:
            main = f"{value.min}–{value.max}"
        return main, value.text, None
    if value is None:
        return "—", "", None
    text = str(value)
    if attribute in ("initiator", "target") and text:
        view = sides.view(text)
        return side_adjective(text, sides.actors) if text != "neutral" else "neutral", "", view
    return text, "", None


def _attr_label(name: str, sides: _Sides) -> str:
    kind, _, party = name.partition(".")
    if not party:
        return kind
    who = "civilians" if party == "civilians" else "unknown side" if party == "unknown" else sides.view(party).label
    return f"{kind} · {who}"


def _attr_sort(name: str) -> tuple[int, str]:
    kind = name.split(".")[0]
    if kind in _ATTR_ORDER[:2]:
        return _ATTR_ORDER.index(kind), name
    if kind in _COUNT_KINDS:
        return 10 + _COUNT_KINDS.index(kind), name
    return 20 + (_ATTR_ORDER.index(kind) if kind in _ATTR_ORDER else 9), name


def _safe_href(source: str) -> str | None:
    return source if re.match(r"^https?://[^\s\"'<>]+$", source, re.I) else None


def _trim(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _when(claim: Claim, doc: Document | None) -> tuple[dt.datetime | None, str, bool]:
    """When a claim was made: (sort time, label, exact?). Day-only times are not shown with a clock time."""
    if doc is not None and claim.segment is not None and claim.segment < len(doc.segments):
        seg = doc.segments[claim.segment]
        if seg.time is not None:
            tz = seg.time.strftime(" %Z").rstrip() or (seg.time.strftime(" UTC%z") if seg.time.tzinfo else "")
            return seg.time, f"{seg.time.day} {seg.time:%b %Y, %H:%M}{tz}", True
    if doc is not None and doc.published_time is not None:
        t = doc.published_time
        return t, f"{t.day} {t:%b %Y, %H:%M}", True
    if claim.statement_time is not None:
        t = claim.statement_time
        return t, f"{t.day} {t:%b %Y}", False
    return None, "time not given", False


def _naive(t: dt.datetime | None) -> dt.datetime:
    if t is None:
        return dt.datetime.max
    return t.replace(tzinfo=None) - (t.utcoffset() or dt.timedelta())


# --------------------------------------------------------------------------- document bodies


def _document_body(doc: Document, claims: list[Claim], anchors: _Anchors, sides: _Sides) -> Markup:
    """The document's text, escaped, with each claim's content marked and anchored, and claimants underlined."""
    text = doc.text
    layers: list[tuple[int, int, str, Claim]] = []
    for c in claims:
        if 0 <= c.start <= c.end <= len(text):
            layers.append((c.start, c.end, "content", c))
        span = c.claimant.span
        if span is not None and 0 <= span.start <= span.end <= len(text):
            layers.append((span.start, span.end, "claimant", c))
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in layers} | {e for _, e, _, _ in layers})
    starts: dict[int, list[Claim]] = defaultdict(list)
    for s, _, kind, c in layers:
        if kind == "content":
            starts[s].append(c)
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        for c in starts.get(a, []):
            out.append(f'<a class="canchor" id="{anchors("claim", c.id)}"></a>')
        piece = Markup.escape(text[a:b])
        covering = [(kind, c) for s, e, kind, c in layers if s <= a and b <= e and s < e]
        contents = [c for kind, c in covering if kind == "content"]
        is_claimant = any(kind == "claimant" for kind, _ in covering)
        if contents:
            inner = contents[-1]
            ids = " ".join(anchors("claim", c.id) for c in contents)
            who = Markup.escape(f"{inner.claimant.name} ({sides.view(inner.claimant.side).label})")
            cls = "m s" + str(sides.view(inner.claimant.side).index) + (" who" if is_claimant else "")
            out.append(f'<mark class="{cls}" data-c="{ids}" title="{who}">{piece}</mark>')
        elif is_claimant:
            out.append(f'<span class="who">{piece}</span>')
        else:
            out.append(str(piece))
    return Markup("".join(out))


# --------------------------------------------------------------------------- builder


class ReportBuilder:
    """Builds the report's view records from an Analysis; :func:`render_report` renders them."""

    def __init__(self, analysis: Analysis, actors: ActorBase | None = None) -> None:
        self.analysis = analysis
        self.actors = actors or ActorBase.default()
        self.sides = _Sides(self.actors)
        self.anchors = _Anchors()
        self.claims = {c.id: c for c in analysis.claims}
        self.docs = {d.id: d for d in analysis.documents}
        self.denied_by: dict[str, list[str]] = defaultdict(list)
        for c in analysis.claims:
            for target in c.denies:
                self.denied_by[target].append(c.id)
        for c in analysis.claims:  # register sides in reading order, so colours follow the documents
            self.sides.view(c.claimant.side)

    def doc_title(self, doc_id: str | None) -> str:
        doc = self.docs.get(doc_id or "")
        return (doc.title or doc.outlet or doc.source) if doc else (doc_id or "")

    def cell(self, ac: AttributeClaim, verdict: AttributeVerdict, attribute: str) -> CellValue:
        main, detail, side = _value_text(ac.value, self.sides, attribute)
        claim = self.claims.get(ac.claim)
        status = "denied" if self.denied_by.get(ac.claim) else verdict.status
        quote, before, after = ac.quote or (claim.quote if claim else ""), "", ""
        if (claim is not None and ac.start is not None and ac.end is not None and ac.document == claim.document
                and claim.start <= ac.start <= ac.end <= claim.end):
            # the claim's whole statement, with the words the value was read from set off
            quote = claim.quote[ac.start - claim.start: ac.end - claim.start]
            before = claim.quote[: ac.start - claim.start]
            after = claim.quote[ac.end - claim.start:]
        return CellValue(main, detail, status, quote, self.anchors("claim", ac.claim), ac.claimant,
                         self.doc_title(ac.document or (claim.document if claim else None)), ac.superseded, side,
                         before, after)

    def incident(self, inc: Incident) -> IncidentView:
        sides = self.sides
        columns: dict[tuple[str | None, str], ClaimantCol] = {}
        for verdict in inc.attributes.values():
            for ac in verdict.claims:
                claim = self.claims.get(ac.claim)
                actor = claim.claimant.actor if claim else None
                key = (ac.side, actor or f"name:{ac.claimant}")
                if key not in columns:
                    label = ac.claimant
                    if actor:
                        try:
                            label = self.actors.get(actor).name
                        except KeyError:
                            pass
                    columns[key] = ClaimantCol(key, label, [], sides.view(ac.side))
                if ac.claimant not in columns[key].names:
                    columns[key].names.append(ac.claimant)
        ordered = sorted(columns.values(), key=lambda c: (sides.order(c.key[0]), c.label.lower()))
        groups: list[ColumnGroup] = []
        for col in ordered:
            if not groups or groups[-1].side is not col.side:
                groups.append(ColumnGroup(col.side, []))
            groups[-1].claimants.append(col)
        flat = [c for g in groups for c in g.claimants]
        index = {c.key: k for k, c in enumerate(flat)}
        rows = []
        for name in sorted(inc.attributes, key=_attr_sort):
            verdict = inc.attributes[name]
            cells: list[list[CellValue]] = [[] for _ in flat]
            for ac in verdict.claims:
                claim = self.claims.get(ac.claim)
                actor = claim.claimant.actor if claim else None
                k = index[(ac.side, actor or f"name:{ac.claimant}")]
                cell = self.cell(ac, verdict, name)
                if not any(x.value == cell.value and x.superseded == cell.superseded for x in cells[k]):
                    cells[k].append(cell)
            est, est_detail, est_side = _value_text(verdict.estimate, sides, name)
            if verdict.estimate is None:
                est = "no estimate"
            rows.append(AttributeRow(name, _attr_label(name, sides), verdict.status, est, est_side,
                                     verdict.sources, list(verdict.reasons), cells))
        timeline, tl_sides = self.timeline(inc)
        place_names = [p.name for p in inc.places]
        primary = primary_place(inc)
        if primary is not None:
            place_names = [primary.name] + [n for n in place_names if n != primary.name]
        codes = list(dict.fromkeys(p.country for p in inc.places if p.country))
        kind = " / ".join(x for x in (inc.event_type, inc.sub_event_type) if x) or "Violent incident"
        denials = []
        for cid in inc.denials:
            c = self.claims.get(cid)
            if c is not None:
                denials.append(CellValue("", "", "denied", c.quote, self.anchors("claim", c.id), c.claimant.name,
                                         self.doc_title(c.document), False, sides.view(c.claimant.side)))
        has_killed = any(k.startswith("killed.") for k in inc.attributes)
        return IncidentView(
            id=inc.id, anchor=self.anchors("incident", inc.id),
            title=f"{kind} — {', '.join(place_names[:3]) or 'place not given'}",
            date_label=date_words(inc).removeprefix("On ").removeprefix("on "),
            date_start=inc.date.start.isoformat() if inc.date.start else "",
            date_end=(inc.date.end or inc.date.start).isoformat() if inc.date.start else "",
            kind=kind, where=", ".join(place_names[:6]) + (" …" if len(place_names) > 6 else ""),
            countries=codes, statuses=sorted({v.status for v in inc.attributes.values()}),
            disputed=[k for k, v in inc.attributes.items() if v.status == "contested"],
            summary=inc.summary, fatalities=fatalities(inc) if has_killed else None,
            documents=[(self.anchors("doc", d), self.doc_title(d)) for d in inc.documents],
            groups=groups, rows=rows, timeline=timeline, timeline_sides=tl_sides, denials=denials,
            neutral=list(inc.neutral_claimants),
        )

    def timeline(self, inc: Incident) -> tuple[list[TimelineRow], list[SideView]]:
        """Rows of (time, statements per side): when each side said what about this incident."""
        gists: dict[str, list[str]] = defaultdict(list)
        for name, verdict in inc.attributes.items():
            if name == "time":  # the row's own time says when; what a claim says of the event's date is in the matrix
                continue
            for ac in verdict.claims:
                main, _, _ = _value_text(ac.value, self.sides, name)
                text = f"{_attr_label(name, self.sides)}: {main}"
                if text not in gists[ac.claim]:
                    gists[ac.claim].append(text)
        ids = list(dict.fromkeys(list(inc.mentions) + list(gists) + list(inc.denials)))
        items = []
        for cid in ids:
            claim = self.claims.get(cid)
            if claim is None:
                continue
            when, label, exact = _when(claim, self.docs.get(claim.document))
            if cid in inc.denials:
                gist = "denies: “" + _trim(claim.quote, TIMELINE_QUOTE_CHARS) + "”"
            elif gists.get(cid):
                gist = "; ".join(gists[cid])
            else:
                gist = "“" + _trim(claim.quote, TIMELINE_QUOTE_CHARS) + "”"
            items.append((_naive(when), exact, label, claim, gist))
        side_keys = sorted({c.claimant.side for _, _, _, c, _ in items}, key=self.sides.order)
        side_views = [self.sides.view(s) for s in side_keys]
        rows: dict[tuple[dt.datetime, bool, str], list[list[TimelineItem]]] = {}
        for when, exact, label, claim, gist in sorted(items, key=lambda i: (i[0], not i[1])):
            key = (when, exact, label)
            if key not in rows:
                rows[key] = [[] for _ in side_keys]
            cell = rows[key][side_keys.index(claim.claimant.side)]
            item = TimelineItem(claim.claimant.name, gist, self.anchors("claim", claim.id))
            if not any(x.claimant == item.claimant and x.gist == item.gist for x in cell):
                cell.append(item)
        return [TimelineRow(label, exact, cells) for (_, exact, label), cells in rows.items()], side_views

    def document(self, doc: Document) -> DocumentView:
        claims = [c for c in self.analysis.claims if c.document == doc.id]
        published = doc.published.isoformat() if doc.published else "date unknown"
        if doc.published and doc.published_inferred:
            published += " (inferred)"
        return DocumentView(
            id=doc.id, anchor=self.anchors("doc", doc.id), title=doc.title or doc.outlet or doc.source,
            outlet=doc.outlet or "", published=published, source=doc.source, href=_safe_href(doc.source),
            relays=list(doc.relays), body=_document_body(doc, claims, self.anchors, self.sides), claims=len(claims))

    def build(self, title: str | None = None) -> ReportView:
        a = self.analysis
        incidents = [self.incident(i) for i in a.incidents]
        documents = [self.document(d) for d in a.documents]
        points = []
        shaded: set[str] = set()
        for inc in a.incidents:
            primary = primary_place(inc)
            disputed = any(v.status == "contested" for v in inc.attributes.values())
            anchor = self.anchors("incident", inc.id)
            home = primary.country if primary is not None else None
            for p in inc.places:
                if home and p.country not in (home, None) and p is not primary:
                    continue  # a stray homonym in another country would stretch the map over the world
                if p.country:
                    shaded.add(p.country)
                if p.lat is None or p.lon is None or p.feature == "country":
                    continue
                points.append(MapPoint(lat=p.lat, lon=p.lon, incident=inc.id, href=f"#{anchor}",
                                       label=f"{inc.id}: {p.name} — {inc.summary}", kind=p.feature,
                                       primary=p is primary, disputed=disputed,
                                       tag=inc.id if p is primary else ""))
        map_svg = render_map(points, highlight=sorted(shaded)) if points else None
        codes = sorted({c for i in incidents for c in i.countries})
        names = [(c, (country(c).name if country(c) else c)) for c in codes]
        dates = sorted(d for i in incidents for d in (i.date_start, i.date_end) if d)
        return ReportView(
            title=title or f"{len(incidents)} incident(s) from {len(documents)} report(s)",
            version=a.rashomon_version, schema_version=SCHEMA_VERSION,
            counts={"documents": len(documents), "claims": len(a.claims), "incidents": len(incidents)},
            sides=self.sides.all(), incidents=incidents, documents=documents, map_svg=map_svg,
            countries=sorted(names, key=lambda x: x[1]), date_min=dates[0] if dates else "",
            date_max=dates[-1] if dates else "", credits=list(a.credits),
            errors=[(e.source, e.message) for e in a.errors],
        )


# --------------------------------------------------------------------------- rendering


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("rashomon.outputs", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return resources.files("rashomon.outputs").joinpath("templates", name).read_text(encoding="utf-8")


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


def render_report(analysis: Analysis, *, actors: ActorBase | None = None, title: str | None = None,
                  csp: bool = True) -> str:
    """The report as one self-contained HTML page.

    Args:
        analysis: the run's result.
        actors: the actor base that names the sides (default: the shipped one).
        title: the page's heading (default: "<n> incident(s) from <m> report(s)").
        csp: add a Content-Security-Policy that allows only the report's own script and no network access.
            Escaping alone keeps article text inert; the policy is a second guard. Tests turn it off to check
            the escaping by itself.

    Returns:
        The HTML text (UTF-8 when written; no external resources).
    """
    view = ReportBuilder(analysis, actors).build(title)
    script = _asset("report.js")
    html = _environment().get_template("report.html.j2").render(
        r=view, css=Markup(_asset("report.css")), script=Markup(script), csp=_csp(script) if csp else None,
        side_css=Markup(_side_css(view.sides)))
    logger.debug("report: %d incidents, %d documents, %d characters", len(view.incidents), len(view.documents),
                 len(html))
    return html


def _side_css(sides: list[SideView]) -> str:
    rules = []
    for s in sides:
        rules.append(f".s{s.index}{{--side:{s.colour}}}")
    return "".join(rules)


def report_context(analysis: Analysis, *, actors: ActorBase | None = None) -> dict[str, Any]:
    """The view records the template renders, for callers that bring their own template (e.g. the server)."""
    return {"r": ReportBuilder(analysis, actors).build()}


__all__ = ["ReportBuilder", "STATUSES", "render_report", "report_context"]

