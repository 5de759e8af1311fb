"""The FastAPI application: JSON API and server-rendered pages over one :class:`~rashomon.store.Store`.

JSON API (OpenAPI at ``/openapi.json``, interactive docs at ``/docs``):

- ``POST /documents``: add a report (``text/plain``, ``text/html``, or JSON
  ``{text|html|url, published?, outlet?, title?, source?}``; a URL is fetched by
  ``rashomon.ingest`` and refused when it points at a private address); needs ``X-API-Key``;
- ``GET /incidents``: filters ``country``, ``since``, ``until``, ``status``,
  ``event_type``; paging ``limit``/``offset`` with ``total``;
- ``GET /incidents/{id}``: one incident with its claims and claims matrix;
- ``GET /claims``: filters ``document``, ``side``, ``incident``; paging;
- ``GET /documents/{id}``: the text with the spans its claims rest on;
- ``GET /stats``: counts.

Pages (HTML, Jinja2 with autoescaping): ``/`` (incident list with filters),
``/browse/incidents/{id}`` (claims matrix), ``/browse/documents/{id}`` (highlighted text).

Request bodies over :data:`MAX_BODY_BYTES` are refused with 413 before they are
read whole. Errors are JSON: ``{"status", "error", "message", "details"?}``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import threading
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.security import APIKeyHeader
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from rashomon import __version__
from rashomon.outputs.json import claim_dict, incident_dict
from rashomon.server import schemas
from rashomon.server.views import NO_SIDE, claim_spans, claims_matrix, display, highlight
from rashomon.store import IncidentFilter, NotFound, Store, incident_status
from rashomon.store.core import MAX_PAGE, STATUSES

logger = logging.getLogger(__name__)

#: Largest request body accepted: a long article's HTML is 0.2-1 MB; 2 MB leaves
#: room and keeps one request's pipeline run under about a minute.
MAX_BODY_BYTES = 2 * 1024 * 1024
#: Largest offset a listing accepts (beyond any real store; keeps SQL integers small).
MAX_OFFSET = 10**9

_NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL characters
_ID = Path(pattern=r"^[A-Za-z0-9_.:\-]{1,160}$", description="a record id")

Status = Literal["agreed", "corroborated", "contested", "single_source", "denied"]

CountryQ = Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code")]
SinceQ = Annotated[dt.date | None, Query(description="incidents reaching on or after this day")]
UntilQ = Annotated[dt.date | None, Query(description="incidents starting on or before this day")]
StatusQ = Annotated[Status | None, Query(description="the least settled status of its attributes")]
TypeQ = Annotated[str | None, Query(max_length=80, pattern=_NO_NUL,
                                    description="ACLED event or sub-event type")]
LimitQ = Annotated[int, Query(ge=1, le=MAX_PAGE)]
OffsetQ = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
_KEY_HEADER = APIKeyHeader(name="X-API-Key", auto_error=False,
                           description="Needed for writes; set with `rashomon serve --api-key`.")
KeyHeader = Annotated[str | None, Depends(_KEY_HEADER)]



class ApiError(Exception):
    """An error answered as JSON with its status."""

    def __init__(self, status: int, error: str, message: str, details: list[dict] | None = None):
        super().__init__(message)
        self.status, self.error, self.message, self.details = status, error, message, details


def _error_response(status: int, error: str, message: str, details: list[dict] | None = None,
                    headers: dict | None = None) -> JSONResponse:
    body = {"status": status, "error": error, "message": message}
    if details is not None:
        body["details"] = details
    return JSONResponse(body, status_code=status, headers=headers)


class BodyLimit:
    """ASGI middleware: refuse request bodies larger than ``max_bytes`` with 413.

    A declared ``Content-Length`` over the cap is refused before reading; a
    body streamed without one is counted as it arrives and cut off at the cap.
    """

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        too_large = _error_response(413, "too_large", f"request body over {self.max_bytes} bytes")
        if declared is not None:
            try:
                if int(declared) > self.max_bytes:
                    return await too_large(scope, receive, send)
            except ValueError:
                return await _error_response(400, "invalid", "bad Content-Length")(scope, receive, send)
        received = 0
        started = False

        class _TooLarge(Exception):
            pass

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await too_large(scope, receive, send)


_ERRORS = {code: {"model": schemas.ErrorOut} for code in (400, 401, 403, 404, 413, 415, 422)}


def create_app(store: Store | str | None = None, *, api_key: str | None = None,
               max_body_bytes: int = MAX_BODY_BYTES, allow_private_urls: bool = False,
               fetch_urls: bool = True, nlp=None, actors=None, gazetteer=None) -> FastAPI:
    """The web application over a store.

    Args:
        store: an open :class:`~rashomon.store.Store`, or its URL (default ``RASHOMON_DB``
            or ``sqlite:///rashomon.db``).
        api_key: the key writes must send in ``X-API-Key``; None refuses every write (403).
        max_body_bytes: the request body cap (413 above it).
        allow_private_urls: let posted URLs reach loopback and private addresses (off:
            a caller could otherwise make the server fetch from inside its network).
        fetch_urls: fetch posted URLs at all (off: they are answered 422).
        nlp, actors, gazetteer: injected heavy objects for adding documents (defaults load once).

    Returns:
        A FastAPI app; run it with uvicorn.
    """
    if not isinstance(store, Store):
        store = Store(store)
    write_lock = threading.Lock()  # one pipeline run at a time per process (spaCy and the relinker)
    app = FastAPI(
        title="rashomon",
        version=__version__,
        description="Incidents from conflicting reports, every value attributed to whoever claimed it.",
        responses=_ERRORS,
    )
    app.state.store = store
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)

    # ------------------------------------------------------------------ errors as JSON
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "APIKey"} if exc.status == 401 else None
        return _error_response(exc.status, exc.error, exc.message, exc.details, headers)

    @app.exception_handler(NotFound)
    async def _not_found(_request: Request, exc: NotFound) -> JSONResponse:
        return _error_response(404, "not_found", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden"}
        return _error_response(exc.status_code, codes.get(exc.status_code, "error"), str(exc.detail),
                               headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = jsonable_encoder([{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                                    for e in exc.errors()])
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(x) for x in first["loc"])
        return _error_response(422, "invalid", f"{where}: {first['msg']}" if where else first["msg"], details)

    # ------------------------------------------------------------------ auth
    def require_key(key: KeyHeader) -> None:
        if not api_key:
            raise ApiError(403, "forbidden", "writes are disabled: the server was started without an API key")
        if not key:
            raise ApiError(401, "unauthorized", "this request needs an API key in the X-API-Key header")
        if not secrets.compare_digest(key.encode("utf-8", "surrogatepass"), api_key.encode("utf-8")):
            raise ApiError(401, "unauthorized", "wrong API key")

    # ------------------------------------------------------------------ write
    body_doc = {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _document_in_schema()},
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
        },
    }

    @app.post("/documents", tags=["write"], status_code=201, response_model=schemas.AddOut,
              dependencies=[Depends(require_key)], openapi_extra=body_doc,
              responses={200: {"model": schemas.AddOut, "description": "already stored: nothing added"}})
    async def post_document(
        request: Request,
        published: Annotated[dt.date | None, Query(description="publication date (text/html bodies)")] = None,
        outlet: Annotated[str | None, Query(max_length=200, pattern=_NO_NUL)] = None,
        source: Annotated[str | None, Query(max_length=2000, pattern=_NO_NUL)] = None,
    ):
        """Add one report to the store; it merges into the stored incidents.

        The body is the article as ``text/plain``, a page as ``text/html``, or
        JSON ``{"text"|"html"|"url": ..., "published"?, "outlet"?, "title"?, "source"?}``.
        Answers 201 with what was added, or 200 when the same text is already stored.
        """
        media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        raw = await request.body()
        if media == "application/json":
            try:
                payload = schemas.DocumentIn.model_validate_json(raw)
            except ValidationError as exc:
                details = jsonable_encoder([{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
                                            for e in exc.errors()])
                raise ApiError(422, "invalid", f"bad document JSON: {details[0]['msg'] if details else exc}",
                               details) from None
        elif media in ("text/plain", "text/html", ""):
            try:
                body = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise ApiError(400, "invalid", "the body is not UTF-8 text") from None
            kind = "html" if media == "text/html" else "text"
            payload = schemas.DocumentIn(**{kind: body}, published=published, outlet=outlet, source=source)
        else:
            raise ApiError(415, "unsupported_media_type",
                           f"Content-Type {media!r} is not accepted: use text/plain, text/html or application/json")
        for name in ("text", "html", "url", "outlet", "title", "source"):
            value = getattr(payload, name)
            if value is None:
                continue
            if "\x00" in value:
                raise ApiError(422, "invalid", f"{name} contains a NUL character")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ApiError(422, "invalid", f"{name} is not valid Unicode (a lone surrogate)") from None
        if payload.url is not None:
            result = await run_in_threadpool(_locked(write_lock, _add_url), store, payload, allow_private_urls,
                                             fetch_urls, nlp=nlp, actors=actors, gazetteer=gazetteer)
        else:
            document = _make_document(payload)
            with_lock = _locked(write_lock, store.add_documents)
            result = await run_in_threadpool(with_lock, [document], nlp=nlp, actors=actors, gazetteer=gazetteer)
        out = {"added": result.added,
               "skipped": [{"source": s, "id": i} for s, i in result.skipped],
               "incidents": result.incidents,
               "retired": [{"id": o, "now": n} for o, n in result.retired]}
        return JSONResponse(out, status_code=201 if result.added else 200)

    # ------------------------------------------------------------------ read
    def _filter(country, since, until, status, event_type) -> IncidentFilter:
        return IncidentFilter(country=country, since=since, until=until, status=status, event_type=event_type)

    @app.get("/incidents", tags=["read"], response_model=schemas.IncidentPage)
    def list_incidents(country: CountryQ = None, since: SinceQ = None, until: UntilQ = None,
                       status: StatusQ = None, event_type: TypeQ = None, limit: LimitQ = 50,
                       offset: OffsetQ = 0) -> dict:
        """Stored incidents, newest first, filtered and paged (``total`` counts every match)."""
        page = store.incidents(_filter(country, since, until, status, event_type), limit=limit, offset=offset)
        return {"total": page.total, "limit": limit, "offset": offset,
                "items": [_incident_out(i) for i in page.items]}

    @app.get("/incidents/{incident_id}", tags=["read"], response_model=schemas.IncidentDetail)
    def get_incident(incident_id: Annotated[str, _ID]) -> dict:
        """One incident with the claims it rests on and its claims matrix (follows merges)."""
        incident = store.incident(incident_id)
        wanted = set(incident.mentions)
        claims = [c for c in store.claims_of(incident.documents) if c.id in wanted]
        return {**_incident_out(incident), "claims": [claim_dict(c) for c in claims],
                "matrix": claims_matrix(incident)}

    @app.get("/claims", tags=["read"], response_model=schemas.ClaimPage)
    def list_claims(document: Annotated[str | None, Query(max_length=160, pattern=_NO_NUL)] = None,
                    side: Annotated[str | None, Query(max_length=80, pattern=_NO_NUL)] = None,
                    incident: Annotated[str | None, Query(max_length=40, pattern=_NO_NUL)] = None,
                    limit: LimitQ = 100, offset: OffsetQ = 0) -> dict:
        """Claims, filtered by document, claimant side or incident, and paged."""
        page = store.claims(document=document, side=side, incident=incident, limit=limit, offset=offset)
        return {"total": page.total, "limit": limit, "offset": offset, "items": [claim_dict(c) for c in page.items]}

    @app.get("/documents/{document_id}", tags=["read"], response_model=schemas.DocumentOut)
    def get_document(document_id: Annotated[str, _ID]) -> dict:
        """A stored document's text with the spans (content, claimant, cue) of its claims."""
        document = store.document(document_id)
        claims = store.claims_of([document.id])
        return {"id": document.id, "source": document.source, "outlet": document.outlet, "title": document.title,
                "published": document.published, "published_inferred": document.published_inferred,
                "text": document.text, "spans": claim_spans(claims), "claims": [claim_dict(c) for c in claims],
                "incidents": store.incidents_of_document(document.id)}

    @app.get("/stats", tags=["read"], response_model=schemas.StatsOut)
    def stats() -> dict:
        """How much the store holds."""
        return {"version": __version__, **store.stats()}

    # ------------------------------------------------------------------ pages
    _pages(app, store)
    return app


def _document_in_schema() -> dict:
    """The JSON body's schema as documented, saying that exactly one of text, html or url is given."""
    schema = schemas.DocumentIn.model_json_schema()
    schema["oneOf"] = [{"required": ["text"]}, {"required": ["html"]}, {"required": ["url"]}]
    return schema


def _locked(lock: threading.Lock, fn):
    def run(*args, **kwargs):
        with lock:
            return fn(*args, **kwargs)
    return run


def _make_document(payload: schemas.DocumentIn):
    from rashomon.ingest import IngestError, document_from_html, document_from_text

    source = payload.source or "<posted>"
    try:
        if payload.html is not None:
            document = document_from_html(payload.html, source=source, published=payload.published)
        else:
            document = document_from_text(payload.text or "", source=source, published=payload.published,
                                          outlet=payload.outlet, title=payload.title)
    except (IngestError, ValueError) as exc:
        raise ApiError(422, "no_text", f"nothing to analyse: {exc}") from None
    update: dict[str, Any] = {}
    if payload.outlet and document.outlet != payload.outlet:
        update["outlet"] = payload.outlet
    if payload.title and document.title != payload.title:
        update["title"] = payload.title
    return document.model_copy(update=update) if update else document


def _add_url(store: Store, payload: schemas.DocumentIn, allow_private: bool, fetch: bool, **heavy):
    """Fetch a posted URL (a page, or a feed and its items) through rashomon.ingest and its address guard."""
    from rashomon.ingest.web import looks_like_url

    url = (payload.url or "").strip()
    if not looks_like_url(url):
        raise ApiError(422, "invalid", "url must be an http:// or https:// address")
    result = store.add([url], published=payload.published, allow_private=allow_private, fetch=fetch, **heavy)
    if result.errors and not result.added and not result.skipped:
        message = "; ".join(f"{e.source}: {e.message}" for e in result.errors)
        raise ApiError(422, "fetch_failed", f"nothing could be read: {message}",
                       [{"source": e.source, "message": e.message} for e in result.errors])
    if payload.outlet:
        logger.info("outlet %r given with a URL is ignored: the page says who published it", payload.outlet)
    return result


def _incident_out(incident) -> dict:
    return {**incident_dict(incident), "status": incident_status(incident)}


# --------------------------------------------------------------------------- pages


def _environment():
    from jinja2 import Environment, FileSystemLoader

    folder = resources.files("rashomon.server") / "templates"
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["value"] = display
    env.filters["tojson_pretty"] = lambda v: json.dumps(v, ensure_ascii=False, indent=2)
    return env


def _pages(app: FastAPI, store: Store) -> None:
    env = _environment()

    def render(name: str, code: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(version=__version__, **context), status_code=code)

    def not_found(message: str) -> HTMLResponse:
        return render("error.html", code=404, message=message)

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/browse")

    @app.get("/browse", include_in_schema=False, response_class=HTMLResponse)
    def browse(request: Request, country: str = "", since: str = "", until: str = "", status: str = "",
               event_type: str = "", offset: int = 0) -> HTMLResponse:
        errors = []

        def day(value: str, name: str) -> dt.date | None:
            if not value:
                return None
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                errors.append(f"{name}: {value!r} is not a date (YYYY-MM-DD)")
                return None

        flt = IncidentFilter(
            country=country.strip().upper()[:2] or None, since=day(since, "since"), until=day(until, "until"),
            status=status if status in STATUSES else None,
            event_type=event_type.replace("\x00", "").strip()[:80] or None)
        offset = max(0, min(offset, MAX_OFFSET))
        page = store.incidents(flt, limit=50, offset=offset)
        query = {k: v for k, v in request.query_params.items() if k != "offset"}
        return render("incidents.html", page=page, flt=flt, query=query, errors=errors,
                      status_of=incident_status, statuses=STATUSES)

    @app.get("/browse/incidents/{incident_id}", include_in_schema=False, response_class=HTMLResponse)
    def browse_incident(incident_id: str) -> HTMLResponse:
        try:
            incident = store.incident(incident_id)
        except NotFound as exc:
            return not_found(str(exc))
        wanted = set(incident.mentions)
        claims = [c for c in store.claims_of(incident.documents) if c.id in wanted]
        documents = {d.id: d for d in store.documents(incident.documents)}
        return render("incident.html", incident=incident, status=incident_status(incident),
                      matrix=claims_matrix(incident), claims=claims, documents=documents,
                      moved_from=incident_id if incident.id != incident_id else None)

    @app.get("/browse/documents/{document_id}", include_in_schema=False, response_class=HTMLResponse)
    def browse_document(document_id: str) -> HTMLResponse:
        try:
            document = store.document(document_id)
        except NotFound as exc:
            return not_found(str(exc))
        claims = store.claims_of([document.id])
        return render("document.html", document=document, claims=claims,
                      pieces=highlight(document, claim_spans(claims)),
                      incidents=store.incidents_of_document(document.id), no_side=NO_SIDE)
