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
train_app = typer.Typer(help="Train models from your own data.", no_args_is_help=True)
app.add_typer(train_app, name="train")
db_app = typer.Typer(help="The incident store's database (schema versions).", no_args_is_help=True)
app.add_typer(db_app, name="db")

logger = logging.getLogger("rashomon")


class Format(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"


class _JsonLines(logging.Formatter):
    """One JSON object per log record, for log collectors (``--log-json``)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"), "level": record.levelname.lower(),
                 "logger": record.name, "message": record.getMessage()}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


_STATE = {"log_json": False}


class _ProgressHandler(logging.Handler):
    """Turns the pipeline's per-document log records into a rich progress bar."""

    def __init__(self, progress) -> None:
        super().__init__(level=logging.INFO)
        self.progress = progress
        self.task = None

    def emit(self, record: logging.LogRecord) -> None:
        done_total = getattr(record, "rashomon_progress", None)
        if done_total is None:
            return
        done, total = done_total
        if self.task is None:
            self.task = self.progress.add_task("analysing", total=total)
        self.progress.update(self.task, completed=done, total=total)


class _progress:
    """A progress bar on an interactive terminal; nothing in pipes, with --quiet or --log-json."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = sys.stderr.isatty() and not quiet and not _STATE["log_json"]
        self.bar = None
        self.handler = None

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self.bar.__enter__()
            self.handler = _ProgressHandler(self.bar)
            pipeline_logger = logging.getLogger("rashomon.pipeline")
            pipeline_logger.addHandler(self.handler)
            pipeline_logger.setLevel(logging.INFO)
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            logging.getLogger("rashomon.pipeline").removeHandler(self.handler)
            self.bar.__exit__(*exc)


def _setup_logging(verbose: bool, quiet: bool) -> None:
    """The one place logging is configured: level from the flags, JSON lines with --log-json."""
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    if _STATE["log_json"] and level > logging.INFO and not quiet:
        level = logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_JsonLines() if _STATE["log_json"] else logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def _check_similarity(similarity: str) -> None:
    """Exit with status 2 on an unknown similarity, or on embeddings where the extra is not installed."""
    from rashomon import embeddings

    if similarity not in ("lexical", "embeddings"):
        typer.echo(f"error: --similarity {similarity}: expected lexical or embeddings", err=True)
        raise typer.Exit(code=2)
    if similarity == "embeddings" and not embeddings.available():
        typer.echo(f"error: --similarity embeddings: {embeddings.INSTALL_HINT}", err=True)
        raise typer.Exit(code=2)


def _check_engine(engine: str) -> None:
    """Exit with status 2 on an unknown engine, or on --engine ray where Ray is not installed."""
    import importlib.util

    if engine not in ("local", "ray"):
        typer.echo(f"error: --engine {engine}: expected local or ray", err=True)
        raise typer.Exit(code=2)
    if engine == "ray" and importlib.util.find_spec("ray") is None:
        typer.echo("error: --engine ray needs Ray: pip install 'rashomon[ray]'", err=True)
        raise typer.Exit(code=2)


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
    log_json: Annotated[bool, typer.Option("--log-json", help="Write logs to stderr as JSON lines (level info).")] = False,
) -> None:
    """rashomon reads reports of armed incidents and reconciles who claims what."""
    _STATE["log_json"] = log_json


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
    event_model: Annotated[Optional[Path], typer.Option(
        help="An event-type model folder made by 'rashomon train events' (default: the shipped model).")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Processes for parsing, claims and events (same output as one).")] = 1,
    engine: Annotated[str, typer.Option(
        help="local (this machine's processes) or ray (Ray Data; pip install 'rashomon[ray]').")] = "local",
    ray_address: Annotated[Optional[str], typer.Option(
        help="With --engine ray: a Ray cluster address (default: a local instance of --workers CPUs).")] = None,
    similarity: Annotated[str, typer.Option(
        help="Document similarity for linking: lexical (TF-IDF) or embeddings "
             "(beside sentence embeddings; pip install 'rashomon[embeddings]').")] = "lexical",
) -> None:
    """Analyse articles into incidents with every claim attributed.

    Inputs are files (.txt, .html, .xml/.rss feeds, .warc[.gz], .jsonl), folders, globs, URLs, or - for stdin.

    Example:
        rashomon analyze examples/ --out report/
        rashomon analyze a.html b.txt --published 2017-02-25 --format json
    """
    _setup_logging(verbose, quiet)
    _check_engine(engine)
    _check_similarity(similarity)
    from rashomon.outputs import render_markdown, render_table, to_json
    from rashomon.outputs.folder import write_folder
    from rashomon.pipeline import analyze as run

    classifier = None
    if event_model is not None:
        from rashomon.event_types import load as load_event_model

        try:
            classifier = load_event_model(event_model)
        except Exception as exc:  # noqa: BLE001 - any unreadable model folder is one clear error
            typer.echo(f"error: {event_model}: {exc}", err=True)
            raise typer.Exit(code=2) from None
    with _progress(quiet):
        analysis = run(paths, published=_parse_date(published), event_classifier=classifier,
                       allow_private=allow_private, timeout=timeout,
                       max_bytes=max_bytes, max_redirects=max_redirects, fetch=not no_fetch,
                       english_only=not any_language, dedup=not no_dedup, workers=workers, engine=engine,
                       ray_address=ray_address, similarity=similarity)
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
    similarity: Annotated[Optional[str], typer.Option(
        help="linking only: lexical (default) or embeddings (needs the rashomon[embeddings] extra).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False,
) -> None:
    """Measure one capability on a public evaluation set.

    Example:
        rashomon eval extraction
        rashomon eval time ../shared/evaldata/tempeval3 --json
    """
    _setup_logging(verbose, quiet=as_json)
    from rashomon.errors import EmbeddingsUnavailable, EvaluationDataError, UnknownTask
    from rashomon.evaluation import run_task

    options = {}
    if similarity is not None:
        if task != "linking":
            typer.echo(f"error: --similarity applies to the linking task, not {task}", err=True)
            raise typer.Exit(code=2)
        options["similarity"] = similarity
    try:
        result = run_task(task, data, limit=limit, **options)
    except (UnknownTask, EvaluationDataError, EmbeddingsUnavailable) as exc:
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


# --------------------------------------------------------------------------- the incident store

DbOption = Annotated[Optional[str], typer.Option(
    "--db", envvar="RASHOMON_DB", show_envvar=True,
    help="Store URL: sqlite:///FILE (default sqlite:///rashomon.db in the current folder), a bare path, "
         "or postgresql://USER:PASSWORD@HOST/DB.")]


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    claims = "claims"


def _open_store(db: str | None, similarity: str = "lexical"):
    from rashomon.store import Store, StoreError

    try:
        return Store(db, similarity=similarity)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=2) from None


def _incident_filter(country, since, until, status, event_type):
    from rashomon.store import IncidentFilter
    from rashomon.store.core import STATUSES

    if status is not None and status not in STATUSES:
        raise typer.BadParameter(f"{status!r} is not one of {', '.join(STATUSES)}", param_hint="--status")
    return IncidentFilter(country=country, since=_parse_date(since), until=_parse_date(until), status=status,
                          event_type=event_type)


CountryOption = Annotated[Optional[str], typer.Option(help="Only incidents with a place in this country (ISO code, e.g. AM).")]
SinceOption = Annotated[Optional[str], typer.Option(help="Only incidents on or after this day (YYYY-MM-DD).")]
UntilOption = Annotated[Optional[str], typer.Option(help="Only incidents on or before this day (YYYY-MM-DD).")]
StatusOption = Annotated[Optional[str], typer.Option(
    help="Only incidents whose least settled attribute has this status: contested, denied, single_source, "
         "corroborated or agreed.")]
EventTypeOption = Annotated[Optional[str], typer.Option("--event-type", help="ACLED event or sub-event type.")]


@app.command()
def add(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, URLs, feeds, archives, or - for stdin.")],
    db: DbOption = None,
    published: Annotated[Optional[str], typer.Option(help="Publication date for every input (YYYY-MM-DD).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Fetch URLs on private, loopback or link-local addresses.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds allowed for each URL fetch.")] = 20.0,
    no_fetch: Annotated[bool, typer.Option("--no-fetch", help="Use feed items' own text; fetch no links.")] = False,
    any_language: Annotated[bool, typer.Option(
        "--any-language", help="Store documents detected as not English instead of reporting them.")] = False,
    similarity: Annotated[str, typer.Option(
        help="Document similarity for linking: lexical (TF-IDF) or embeddings "
             "(beside sentence embeddings; pip install 'rashomon[embeddings]').")] = "lexical",
) -> None:
    """Add articles to the incident store; they merge into the incidents already there.

    Each document is committed with its claims and event mentions in one
    transaction; re-adding a stored document changes nothing. Exit code 1 when
    an input could not be read.

    Example:
        rashomon add reports/ --db sqlite:///conflict.db
        rashomon add new-article.html
    """
    _setup_logging(verbose, quiet)
    _check_similarity(similarity)
    store = _open_store(db, similarity)
    with store:
        result = store.add(paths, published=_parse_date(published), allow_private=allow_private, timeout=timeout,
                           fetch=not no_fetch, english_only=not any_language)
    for err in result.errors:
        typer.echo(f"error: {err.source}: {err.message}", err=True)
    if not quiet:
        typer.echo(f"added {len(result.added)} document(s), {len(result.skipped)} already stored; "
                   f"{len(result.incidents)} incident(s) created or changed"
                   + (f": {', '.join(result.incidents)}" if result.incidents else ""))
        for old, new in result.retired:
            typer.echo(f"incident {old} is now part of {new}")
    raise typer.Exit(code=1 if result.errors else 0)


@app.command()
def incidents(
    db: DbOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: StatusOption = None,
    event_type: EventTypeOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Most incidents to list (newest first).")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the contract JSON of the matching incidents.")] = False,
) -> None:
    """List the stored incidents, newest first.

    Example:
        rashomon incidents --country AM --since 2022-09-01 --status contested
        rashomon incidents --json > incidents.json
    """
    _setup_logging(False, as_json)
    flt = _incident_filter(country, since, until, status, event_type)
    with _open_store(db) as store:
        if as_json:
            from rashomon.outputs import to_json

            typer.echo(to_json(store.analysis(flt)))
            return
        page = store.incidents(flt, limit=limit, offset=offset)
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{page.total} incident(s)" + (f", showing {offset + 1}-{offset + len(page.items)}"
                                                        if page.total > len(page.items) else ""),
                  title_justify="left")
    for column in ("id", "date", "type", "where", "status", "docs"):
        table.add_column(column)
    from rashomon.store import incident_status

    for inc in page.items:
        table.add_row(inc.id, inc.date.start.isoformat() if inc.date.start else "?",
                      inc.sub_event_type or inc.event_type or "",
                      ", ".join(p.name for p in inc.places[:3]), incident_status(inc) or "",
                      str(len(inc.documents)))
    Console().print(table)


@app.command()
def show(
    incident_id: Annotated[str, typer.Argument(metavar="ID", help="Incident id, e.g. i12.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the contract JSON of this incident.")] = False,
) -> None:
    """Show one stored incident: who claims what, verdicts, estimates.

    Exit code 1 when no incident has that id.

    Example:
        rashomon show i12
    """
    from rashomon.model import Analysis
    from rashomon.store import NotFound

    with _open_store(db) as store:
        try:
            incident = store.incident(incident_id)
        except NotFound as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(code=1) from None
        documents = store.documents(incident.documents)
        wanted = set(incident.mentions)
        claims = [c for c in store.claims_of(incident.documents) if c.id in wanted]
    analysis = Analysis(rashomon_version=__version__, documents=tuple(documents), claims=tuple(claims),
                        incidents=(incident,))
    if as_json:
        from rashomon.outputs import to_json

        typer.echo(to_json(analysis))
        return
    if incident.id != incident_id:
        typer.echo(f"{incident_id} is now part of {incident.id}", err=True)
    from rashomon.outputs import render_table

    render_table(analysis)
    typer.echo(incident.summary)


@app.command()
def export(
    db: DbOption = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="json (the contract), csv (ACLED columns) or claims (one row per claim).")] = ExportFormat.json,
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: StatusOption = None,
    event_type: EventTypeOption = None,
) -> None:
    """Export the store (or the incidents matching the filters) as JSON or CSV.

    Example:
        rashomon export --format csv --out incidents.csv
        rashomon export --format claims --country UA
    """
    from rashomon.outputs import claims_csv, incidents_csv, to_json

    _setup_logging(False, True)
    flt = _incident_filter(country, since, until, status, event_type)
    with _open_store(db) as store:
        analysis = store.analysis(flt)
    text = {ExportFormat.json: to_json, ExportFormat.csv: incidents_csv, ExportFormat.claims: claims_csv}[fmt](analysis)
    if out is None:
        typer.echo(text, nl=not text.endswith("\n"))
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {out}", err=True)


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None) -> None:
    """Create the store or bring its schema to this version of rashomon.

    Example:
        rashomon db upgrade --db postgresql://rashomon@localhost/rashomon
    """
    from rashomon.store import StoreError, default_url, migrate
    from rashomon.store.engine import make_engine, redact

    url = db or default_url()
    try:
        engine = make_engine(url)
        try:
            before, after = migrate.upgrade(engine)
        finally:
            engine.dispose()
    except Exception as exc:  # StoreError, or the driver's: unreachable server, bad credentials
        message = str(exc) if isinstance(exc, StoreError) else f"cannot upgrade {redact(url)}: {exc}"
        typer.echo(f"error: {message}", err=True)
        raise typer.Exit(code=2) from None
    typer.echo(f"{redact(url)}: schema {before or 'empty'} -> {after}" if before != after
               else f"{redact(url)}: schema {after} (up to date)")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    api_key: Annotated[Optional[str], typer.Option("--api-key", envvar="RASHOMON_API_KEY", show_envvar=True,
                                                   help="Key that writes (POST) must send as X-API-Key; "
                                                        "without one, writes are refused.")] = None,
    allow_private_urls: Annotated[bool, typer.Option(
        "--allow-private-urls", help="Let posted URLs reach loopback and private addresses (off by default).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log requests and progress.")] = False,
) -> None:
    """Serve the store over HTTP: a JSON API (OpenAPI at /docs) and pages to browse incidents.

    Needs the server extra: pip install 'rashomon[server]'.

    Example:
        RASHOMON_API_KEY=secret rashomon serve --db sqlite:///conflict.db --port 8000
    """
    _setup_logging(verbose, False)
    try:
        import uvicorn

        from rashomon.server import create_app
    except ImportError as exc:
        typer.echo(f"error: the server needs its extra: pip install 'rashomon[server]' ({exc})", err=True)
        raise typer.Exit(code=2) from None
    store = _open_store(db)
    if not api_key:
        typer.echo("warning: no API key (--api-key or RASHOMON_API_KEY): the server is read-only", err=True)
    uvicorn.run(create_app(store, api_key=api_key, allow_private_urls=allow_private_urls), host=host, port=port,
                log_level="info" if verbose else "warning")


@train_app.command("events")
def train_events_command(
    acled: Annotated[Optional[Path], typer.Option(
        help="Your ACLED export (CSV with event_type, sub_event_type, notes) to learn from.")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Model folder to write (default under ~/.local/share/rashomon).")] = None,
    data: Annotated[Optional[Path], typer.Option(help="A folder of JSONL examples instead (default: the project's).")] = None,
) -> None:
    """Train an event-type model; use it with 'rashomon analyze --event-model DIR'.

    Example:
        rashomon train events --acled my-acled-export.csv --out models/events-acled
    """
    from rashomon.errors import TrainingDataError
    from rashomon.training import train_events

    try:
        report = train_events(acled, out, data=data)
    except (TrainingDataError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=1) from None
    accuracy = report.heldout.get("accuracy")
    typer.echo(f"trained on {report.examples} examples ({report.source}); held-out accuracy "
               f"{accuracy:.3f}" if isinstance(accuracy, float) else f"trained on {report.examples} examples")
    typer.echo(f"model written to {report.out}")


def main() -> None:
    """Entry point of the ``rashomon`` command."""
    app()


if __name__ == "__main__":
    main()
