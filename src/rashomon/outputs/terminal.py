"""Readable summaries: a rich table for terminals, Markdown for files and pipes."""

from __future__ import annotations

from rashomon.model import Analysis, AttributeVerdict, Count, Incident


def _value(v: object) -> str:
    if isinstance(v, Count):
        if v.max is None:
            return f">={v.min}"
        return str(v.min) if v.min == v.max else f"{v.min}-{v.max}"
    return "" if v is None else str(v)


#: Claimant names longer than this are cut in tables ("The Co-Chairs of the OSCE Minsk Group (...)").
NAME_WIDTH = 48


def _short(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"


def _claims_cell(verdict: AttributeVerdict) -> str:
    """Claims grouped by side: "armenian: Artsakh MoD 0; NKR MoD 0"; one claimant once per value."""
    by_side: dict[str, list[str]] = {}
    for c in verdict.claims:
        mark = " (superseded)" if c.superseded else ""
        entry = f"{_short(c.claimant)} {_value(c.value)}{mark}"
        entries = by_side.setdefault(c.side or "side unknown", [])
        if entry not in entries:
            entries.append(entry)
    return "\n".join(f"{side}: " + "; ".join(entries) for side, entries in by_side.items())


def _header(inc: Incident) -> str:
    when = inc.date.start.isoformat() if inc.date.start else "date unknown"
    if inc.date.uncertain:
        when += " (uncertain)"
    where = ", ".join(f"{p.name} ({p.country})" if p.country else p.name for p in inc.places[:4]) or "no place given"
    kind = " / ".join(x for x in (inc.event_type, inc.sub_event_type) if x) or "violent incident"
    return f"{inc.id}  {when}  {kind}  —  {where}  ({len(inc.documents)} document(s))"


def render_table(analysis: Analysis, console=None) -> None:
    """Print incidents with, per attribute, who claims what and the verdict."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    console.print(f"[bold]{len(analysis.documents)} document(s), {len(analysis.claims)} claim(s), "
                  f"{len(analysis.incidents)} incident(s)[/bold]")
    for d in analysis.documents:
        inferred = " (inferred)" if d.published_inferred else ""
        console.print(f"  {d.id}  {d.outlet or '?'}  {d.published or 'no date'}{inferred}  {d.title or d.source}")
    for inc in analysis.incidents:
        table = Table(title=_header(inc), title_justify="left", show_lines=True)
        table.add_column("attribute")
        table.add_column("status")
        table.add_column("estimate")
        table.add_column("who claims what")
        for name, verdict in inc.attributes.items():
            table.add_row(name, verdict.status, _value(verdict.estimate), _claims_cell(verdict))
        console.print(table)
        if inc.denials:
            console.print(f"  denials: {', '.join(inc.denials)}")
        if inc.neutral_claimants:
            console.print(f"  neutral: {', '.join(inc.neutral_claimants)}")
    for e in analysis.errors:
        console.print(f"[red]error[/red] {e.source}: {e.message}")
    for credit in analysis.credits:
        console.print(f"[dim]{credit}[/dim]")


def render_markdown(analysis: Analysis) -> str:
    """The same summary as Markdown."""
    lines = [f"# rashomon: {len(analysis.incidents)} incident(s) from {len(analysis.documents)} document(s)", ""]
    for inc in analysis.incidents:
        lines += [f"## {_header(inc)}", "", inc.summary, "", "| attribute | status | estimate | who claims what |",
                  "|---|---|---|---|"]
        for name, verdict in inc.attributes.items():
            cell = _claims_cell(verdict).replace("\n", "<br>").replace("|", "\\|")
            lines.append(f"| {name} | {verdict.status} | {_value(verdict.estimate)} | {cell} |")
        lines.append("")
    for e in analysis.errors:
        lines.append(f"- error: {e.source}: {e.message}")
    for credit in analysis.credits:
        lines.append(f"_{credit}_")
    return "\n".join(lines) + "\n"
