"""The incident store over HTTP: a JSON API (OpenAPI at ``/openapi.json``, docs at ``/docs``) and browse pages.

Needs the ``server`` extra (``pip install 'rashomon[server]'``: FastAPI, uvicorn).

Example:
    >>> from rashomon.server import create_app
    >>> app = create_app("sqlite:///rashomon.db", api_key="secret")   # doctest: +SKIP
    >>> # uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from rashomon.server.app import MAX_BODY_BYTES, create_app

__all__ = ["MAX_BODY_BYTES", "create_app"]
