"""Command line: thin shells over the library. Only this module prints or exits."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from rashomon import __version__

app = typer.Typer(
    name="rashomon",
    help="One record per incident from conflicting reports, every value attributed to whoever claimed it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="The place index built from GeoNames (CC BY 4.0).", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

logger = logging.getLogger("rashomon")


class Format(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"


def _setup_logging(verbose: bool, quiet: bool) -> None:
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rashomon {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """rashomon reads reports of armed incidents and reconciles who claims what."""


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")],
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Write incidents.json, incidents.csv, claims.csv, incidents.geojson and report.html here.")] = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date for every input (YYYY-MM-DD).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="What to print: table, json, md or html.")] = Format.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Fetch URLs on private, loopback or link-local addresses.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds allowed for each URL fetch.")] = 20.0,
    max_bytes: Annotated[Optional[int], typer.Option(help="Largest input or response accepted (default 20 MB).")] = None,
    max_redirects: Annotated[int, typer.Option(help="Redirects followed per URL.")] = 5,
    no_fetch: Annotated[bool, typer.Option("--no-fetch", help="Use feed items' own text; fetch no links.")] = False,
    any_language: Annotated[bool, typer.Option(
        "--any-language", help="Analyse documents detected as not English instead of reporting them.")] = False,
    no_dedup: Annotated[bool, typer.Option("--no-dedup", help="Do not mark near-duplicate copies as relays.")] = False,
) -> None:
    """Analyse articles into incidents with every claim attributed.

    Inputs are files (.txt, .html, .xml/.rss feeds, .warc[.gz], .jsonl), folders, globs, URLs, or - for stdin.

    Example:
        rashomon analyze examples/ --out report/
        rashomon analyze a.html b.txt --published 2017-02-25 --format json
    """
    _setup_logging(verbose, quiet)
    from rashomon.outputs import render_markdown, render_table, to_json
    from rashomon.outputs.folder import write_folder
    from rashomon.pipeline import analyze as run

    analysis = run(paths, published=_parse_date(published), allow_private=allow_private, timeout=timeout,
                   max_bytes=max_bytes, max_redirects=max_redirects, fetch=not no_fetch,
                   english_only=not any_language, dedup=not no_dedup)
    for err in analysis.errors:
        typer.echo(f"error: {err.source}: {err.message}", err=True)
    written = write_folder(analysis, out) if out is not None else []
    if not quiet:
        if fmt is Format.json:
            typer.echo(to_json(analysis))
        elif fmt is Format.md:
            typer.echo(render_markdown(analysis))
        elif fmt is Format.html:
            from rashomon.outputs.html import render_report

            typer.echo(render_report(analysis))
        else:
            render_table(analysis)
        if written:
            typer.echo(f"wrote {', '.join(str(p) for p in written)}", err=True)
    raise typer.Exit(code=1 if analysis.errors else 0)


@app.command("eval")
def evaluate(
    task: Annotated[str, typer.Argument(help="extraction, attribution, events, acled, time, geo or linking.")],
    data: Annotated[Optional[Path], typer.Argument(help="Data folder or file (default: ../shared/evaldata/<set>).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object and nothing else on stdout.")] = False,
    limit: Annotated[Optional[int], typer.Option(help="Evaluate on the first N items only.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Measure one capability on a public evaluation set.

    Example:
        rashomon eval extraction
        rashomon eval time ../shared/evaldata/tempeval3 --json
    """
    _setup_logging(verbose, quiet=as_json)
    from rashomon.errors import EvaluationDataError, UnknownTask
    from rashomon.evaluation import run_task

    try:
        result = run_task(task, data, limit=limit)
    except (UnknownTask, EvaluationDataError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from None
    if as_json:
        typer.echo(json.dumps(result.as_dict()))
        return
    typer.echo(f"{result.task} on {result.data} (n={result.n})")
    for name, value in result.metrics.items():
        typer.echo(f"  {name:28s} {value:.4f}" if isinstance(value, float) else f"  {name:28s} {value}")
    for note in result.notes:
        typer.echo(f"  note: {note}")


@gazetteer_app.command("build")
def gazetteer_build(
    path: Annotated[Optional[Path], typer.Option(help="Where to write the index (default: the user cache).")] = None,
) -> None:
    """Build the place index from the bundled GeoNames data.

    Example:
        rashomon gazetteer build
    """
    from rashomon.knowledge.gazetteer import Gazetteer

    if path is None:
        gaz = Gazetteer.default()
        typer.echo(f"gazetteer ready: {getattr(gaz, 'path', '')}")
    else:
        typer.echo(f"built {Gazetteer.build(path)}")


@gazetteer_app.command("import")
def gazetteer_import(
    dump: Annotated[Path, typer.Argument(help="A GeoNames dump (allCountries.txt, XX.txt or .zip).")],
) -> None:
    """Merge a GeoNames dump you downloaded into the place index.

    Example:
        rashomon gazetteer import AM.zip
    """
    from rashomon.knowledge.gazetteer import Gazetteer

    try:
        added = Gazetteer.default().import_geonames(dump)
    except (OSError, ValueError) as exc:
        typer.echo(f"error: {dump}: {exc}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(f"imported {added} places from {dump}")


def main() -> None:
    """Entry point of the ``rashomon`` command."""
    app()


if __name__ == "__main__":
    main()
