"""Small hand-built analyses for the output tests: no model needed, offsets exact, some text hostile."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from rashomon.model import (
    Analysis, AttributeClaim, AttributeVerdict, Claim, Claimant, ClaimMode, Count, DateBasis, Document, Incident,
    IncidentDate, Place, Segment, Span,
)

#: Every payload sets window.__pwned to a distinct number if it ever runs.
HOSTILE = {
    "script": "<script>window.__pwned=1</script>",
    "img": '<img src=x onerror="window.__pwned=2">',
    "js_link": '<a href="javascript:window.__pwned=3">click</a>',
    "svg": "</textarea><svg onload=window.__pwned=4>",
    "attr_break": '"><script>window.__pwned=5</script>',
    "style": "<style>body{display:none}</style>",
    "handler": "<b onmouseover=window.__pwned=6 onfocus=window.__pwned=7 tabindex=1 autofocus>x</b>",
    "iframe": '<iframe src="javascript:window.__pwned=8"></iframe>',
}
PAYLOAD = " ".join(HOSTILE.values())


def _claim(doc: Document, cid: str, quote: str, name: str, side: str | None, actor: str | None,
           mode: ClaimMode = ClaimMode.INDIRECT, segment: int | None = None,
           denies: tuple[str, ...] = ()) -> Claim:
    start = doc.text.index(quote)
    return Claim(id=cid, document=doc.id, start=start, end=start + len(quote), quote=quote,
                 claimant=Claimant(name=name, actor=actor, side=side, kind="institution",
                                   span=Span.of(doc.text, doc.text.index(name), doc.text.index(name) + len(name))
                                   if name in doc.text else None),
                 mode=mode, segment=segment, denies=denies,
                 statement_time=dt.datetime.combine(doc.published, dt.time(12)) if doc.published else None)


def _ac(claim: Claim, value, words: str, *, superseded: bool = False) -> AttributeClaim:
    text = claim.quote
    k = text.index(words)
    return AttributeClaim(claim=claim.id, claimant=claim.claimant.name, side=claim.claimant.side, value=value,
                          document=claim.document, start=claim.start + k, end=claim.start + k + len(words),
                          quote=words, superseded=superseded)


def clash_analysis(*, hostile: bool = False) -> Analysis:
    """Two accounts of a border clash (contested initiator and toll, a denial) and an agreed missile strike."""
    extra = f" {PAYLOAD}" if hostile else ""
    am_text = (f"The Armenian Ministry of Defence said Azerbaijani forces attacked the village of Sotk at dawn, "
               f"and that the Armenian side had no losses.{extra}\n"
               f"The Armenian Ministry of Defence rejected the claims of Baku as disinformation.{extra}\n")
    az_text = (f"The Azerbaijani Ministry of Defence said Armenian units attacked first near Sotk and suffered "
               f"losses.{extra}\nUpdate 10:30\nThe Azerbaijani Ministry of Defence said two Armenian soldiers "
               f"were killed.{extra}\n")
    ua_text = ("Ukrainian officials said a Russian missile hit the railway station in Kramatorsk, killing 50 "
               "civilians.\nA Russian spokesman said the Tochka-U missile was fired by Ukrainian forces.\n")
    title = f"Attack on Sotk repelled{extra}"
    d1 = Document(id="d1", source="javascript:window.__pwned=9" if hostile else "https://example.org/am",
                  outlet=f"Armenian MoD{extra}", title=title, text=am_text, published=dt.date(2022, 9, 13),
                  published_basis=DateBasis.GIVEN)
    seg_at = az_text.index("Update 10:30")
    d2 = Document(id="d2", source="az.txt", outlet="Azerbaijani MoD", title="Statement", text=az_text,
                  published=dt.date(2022, 9, 13), published_basis=DateBasis.GIVEN,
                  segments=(Segment(heading="lead", start=0, end=seg_at, order=0),
                            Segment(heading="Update 10:30", time=dt.datetime(2022, 9, 13, 10, 30), start=seg_at,
                                    end=len(az_text), order=1)))
    d3 = Document(id="d3", source="ua.txt", outlet="Wire", title="Station hit", text=ua_text,
                  published=dt.date(2022, 4, 8), published_basis=DateBasis.GIVEN)
    am_name = "The Armenian Ministry of Defence"
    az_name = "The Azerbaijani Ministry of Defence"
    c1 = _claim(d1, "d1:c1", "Azerbaijani forces attacked the village of Sotk at dawn, and that the Armenian side "
                "had no losses", am_name, "armenian", "AM.mod")
    c2 = _claim(d1, "d1:c2", "the claims of Baku as disinformation", am_name, "armenian", "AM.mod",
                denies=("d2:c1",))
    c3 = _claim(d2, "d2:c1", "Armenian units attacked first near Sotk and suffered losses", az_name, "azerbaijani",
                "AZ.mod")
    c4 = _claim(d2, "d2:c2", "two Armenian soldiers were killed", az_name, "azerbaijani", "AZ.mod", segment=1)
    c5 = _claim(d3, "d3:c1", "a Russian missile hit the railway station in Kramatorsk, killing 50 civilians",
                "Ukrainian officials", "ukrainian", None)
    c6 = _claim(d3, "d3:c2", "the Tochka-U missile was fired by Ukrainian forces", "A Russian spokesman", "russian",
                None)
    weapon = f"mortar{extra}" if hostile else "mortar"
    i1 = Incident(
        id="i1", date=IncidentDate(start=dt.date(2022, 9, 13), end=dt.date(2022, 9, 13), precision=1),
        event_type="Battles", sub_event_type="Armed clash",
        places=(Place(name="Sotk", lat=40.2, lon=45.87, country="AM", admin1="04", feature="place"),
                Place(name=f"Sotk pass{extra}", lat=40.25, lon=45.9, country="AM", feature="feature")),
        documents=("d1", "d2"), mentions=("d1:c1", "d2:c1", "d2:c2"), denials=("d1:c2",),
        attributes={
            "initiator": AttributeVerdict(status="contested", estimate=None, sources=2,
                                          claims=(_ac(c1, "azerbaijani", "Azerbaijani forces"),
                                                  _ac(c3, "armenian", "Armenian units")),
                                          reasons=("the sides blame each other",)),
            "killed.armenian": AttributeVerdict(status="contested", estimate=Count(min=0, max=0, text="no losses"),
                                                sources=2,
                                                claims=(_ac(c1, Count(min=0, max=0, text="no losses"), "no losses"),
                                                        _ac(c4, Count(min=2, max=2, text="two Armenian soldiers"),
                                                            "two Armenian soldiers")),
                                                reasons=("0 and 2 cannot both hold; the lowest is kept",)),
            "weapon": AttributeVerdict(status="single_source", estimate=weapon, sources=1,
                                       claims=(AttributeClaim(claim="d2:c1", claimant=az_name, side="azerbaijani",
                                                              value=weapon),)),
        },
        summary=f"Armed clash at Sotk on 2022-09-13; disputed: initiator, killed.armenian{extra}",
    )
    i2 = Incident(
        id="i2", date=IncidentDate(start=dt.date(2022, 4, 8), end=dt.date(2022, 4, 8), precision=1),
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        places=(Place(name="Kramatorsk", lat=48.73, lon=37.57, country="UA", admin1="05", feature="place"),),
        documents=("d3",), mentions=("d3:c1", "d3:c2"),
        attributes={
            "killed.civilians": AttributeVerdict(status="single_source", estimate=Count(min=50, max=50, text="50"),
                                                 sources=1, claims=(_ac(c5, Count(min=50, max=50, text="50 civilians"),
                                                                        "50 civilians"),)),
            "weapon": AttributeVerdict(status="agreed", estimate="missile", sources=2,
                                       claims=(_ac(c5, "missile", "missile"), _ac(c6, "Tochka-U missile",
                                                                                  "Tochka-U missile"))),
        },
        summary="Shelling/artillery/missile attack at Kramatorsk on 2022-04-08",
    )
    return Analysis(rashomon_version="test", documents=(d1, d2, d3), claims=(c1, c2, c3, c4, c5, c6),
                    incidents=(i1, i2), credits=("Place data from GeoNames (https://www.geonames.org), CC BY 4.0",))


@lru_cache(maxsize=4)
def _analyzed(folder: str, nlp, actors, gazetteer) -> Analysis:
    from rashomon.pipeline import analyze

    return analyze([folder], nlp=nlp, actors=actors, gazetteer=gazetteer)


def analyzed(folder: Path, nlp, actors, gazetteer) -> Analysis:
    """A real analysis of a folder, run once per test session whichever test asks first."""
    return _analyzed(str(folder), nlp, actors, gazetteer)
