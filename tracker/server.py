"""The read-only feed server: HTTP in, cached bytes out (starlette app, uvicorn runner).

Endpoints (GET and HEAD only; any other method is 405):

    /                         the agenda page (one HTML page, its script and style inlined)
    /calendars/{name}.ics     all, deadlines or a category; ?category= ?org= ?deadlines=1 ?alarms=
    /api/events               the agenda as JSON; ?from= ?to= ?category= ?org= ?deadlines=1
    /api/feeds                the feeds the page offers for subscription

Answers come from ``tracker.service.serve.ServeCache``: rendered once per state of the store,
with a strong ETag and Last-Modified, and 304 for a client that already has them. When a token
is configured every endpoint requires it: ``?token=``, ``Authorization: Bearer``, or HTTP Basic
with the token as password (calendar apps can keep it as a subscription's credentials). It is
compared in constant time and never logged (the access log has method, path and status only).
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
import hmac
import logging
import socket
from collections.abc import Callable, Hashable, Mapping
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tracker.errors import InputError, NotFoundError, StoreError, TrackerError
from tracker.service.serve import FEED_LIST, Rendered, ServeCache, events_query, feed_query
from tracker.timeutil import zone

if TYPE_CHECKING:
    import uvicorn

    from tracker.store import Store

log = logging.getLogger("tracker.server")
ALLOWED_METHODS = ("GET", "HEAD")
CHALLENGE = 'Bearer realm="tracker", Basic realm="tracker", charset="UTF-8"'
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),  # a token in the URL never leaks to other sites
    (b"x-frame-options", b"DENY"),
]


# -- the page -----------------------------------------------------------------------------------


def _asset(name: str) -> str:
    return resources.files("tracker").joinpath("web", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def build_page() -> tuple[bytes, str]:
    """The agenda page with its script and style inlined, and the CSP that allows exactly those."""
    script, style = _asset("app.js"), _asset("style.css")
    html = _asset("index.html").replace("/*STYLE*/", style).replace("/*SCRIPT*/", script)
    csp = (
        f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
        "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    )
    return html.encode("utf-8"), csp


# -- HTTP validators ----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def http_date(value: dt.datetime) -> str:
    return email.utils.format_datetime(value.astimezone(dt.UTC).replace(microsecond=0), usegmt=True)


def _parse_http_date(text: str) -> dt.datetime | None:
    try:
        value = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def not_modified(headers: Mapping[str, str], answer: Rendered) -> bool:
    """RFC 9110 13.2.2: If-None-Match decides when present, else If-Modified-Since."""
    inm = headers.get("if-none-match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or answer.etag in tags
    ims = headers.get("if-modified-since")
    if ims is None or answer.last_modified is None:
        return False
    since = _parse_http_date(ims)
    return since is not None and answer.last_modified.replace(microsecond=0) <= since


def _respond(request: Request, answer: Rendered, private: bool) -> Response:
    headers = {"ETag": answer.etag, "Cache-Control": ("private, " if private else "") + "no-cache"}
    if answer.last_modified is not None:
        headers["Last-Modified"] = http_date(answer.last_modified)
    if not_modified(request.headers, answer):
        return Response(status_code=304, headers=headers)
    return Response(answer.body, media_type=answer.media_type, headers=headers)


# -- the guard: methods, token, headers, access log ---------------------------------------------


def _query_token(scope: Scope) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
    return values[-1] if values else None


def _header_token(scope: Scope) -> str | None:
    """The token of ``Authorization: Bearer TOKEN``, or the password of Basic (any user name)."""
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    for name, value in headers:
        if name == b"authorization":
            scheme, _, rest = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer":
                return rest.strip()
            if scheme.lower() == "basic":
                try:
                    login = base64.b64decode(rest.strip(), validate=True).decode("utf-8")
                    return login.partition(":")[2]
                except (ValueError, UnicodeDecodeError):
                    return None
    return None


class Guard:
    """Pure ASGI middleware: 405 for anything but GET/HEAD, 401 without the token, safe headers."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token.encode("utf-8") if token else None

    def _allowed(self, scope: Scope) -> bool:
        if self.token is None:
            return True
        given = _header_token(scope) or _query_token(scope) or ""
        return hmac.compare_digest(given.encode("utf-8"), self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = list(message.get("headers", [])) + _SECURITY_HEADERS
            await send(message)

        if scope["method"] not in ALLOWED_METHODS:
            reply: ASGIApp = PlainTextResponse(
                "read-only: use GET or HEAD\n", 405, headers={"Allow": ", ".join(ALLOWED_METHODS)}
            )
        elif not self._allowed(scope):
            reply = PlainTextResponse(
                "a token is required: add ?token=..., send Authorization: Bearer ..., "
                "or log in with the token as password\n",
                401,
                headers={"WWW-Authenticate": CHALLENGE},
            )
        else:
            reply = self.app
        await reply(scope, receive, send_with_headers)
        log.info("%s %s %d", scope["method"], scope["path"], status)  # never the query: it may hold the token


# -- endpoints ----------------------------------------------------------------------------------


def _query(request: Request) -> str:
    return bytes(request.scope.get("query_string", b"")).decode("latin-1")


def create_app(
    store: Store,
    *,
    token: str | None = None,
    display_tz: str = "UTC",
    check_interval: float = 1.0,
    today: Callable[[], dt.date] | None = None,
) -> ASGIApp:
    """The ASGI application serving ``store``; ``today`` is where ``/api/events`` starts by default."""
    zone(display_tz)  # an unknown zone is a user error now, not a 500 later
    cache = ServeCache(store, display_tz=display_tz, check_interval=check_interval)
    page, csp = build_page()
    private = bool(token)
    clock = today or (lambda: dt.datetime.now(zone(display_tz)).date())

    async def answer(request: Request, key: Hashable) -> Response:
        found = cache.fresh(key)
        if found is None:
            found = await run_in_threadpool(cache.get, key)
        return _respond(request, found, private)

    # A calendar client asks for the same URL again and again: parse each query string once.
    @lru_cache(maxsize=512)
    def feed_key(name: str, query: str) -> Hashable:
        return feed_query(name, parse_qs(query, keep_blank_values=True))

    @lru_cache(maxsize=512)
    def events_key(query: str, today: dt.date) -> Hashable:
        return events_query(parse_qs(query, keep_blank_values=True), today)

    async def calendar(request: Request) -> Response:
        return await answer(request, feed_key(request.path_params["name"], _query(request)))

    async def api_events(request: Request) -> Response:
        return await answer(request, events_key(_query(request), clock()))

    async def api_feeds(request: Request) -> Response:
        return await answer(request, FEED_LIST)

    async def index(request: Request) -> Response:
        headers = {"Content-Security-Policy": csp, "Cache-Control": "no-cache"}
        return Response(page, media_type="text/html; charset=utf-8", headers=headers)

    routes = [
        Route("/", index, methods=["GET"]),
        Route("/calendars/{name}.ics", calendar, methods=["GET"]),
        Route("/api/events", api_events, methods=["GET"]),
        Route("/api/feeds", api_feeds, methods=["GET"]),
    ]
    handlers: Mapping[Any, Callable[[Request, Exception], Response]] = {
        InputError: _error(400),
        NotFoundError: _error(404),
        TrackerError: _unavailable,
        HTTPException: _http_error,
    }
    return Guard(Starlette(routes=routes, exception_handlers=handlers), token)


def _error(status: int) -> Callable[[Request, Exception], Response]:
    def handle(request: Request, exc: Exception) -> Response:
        return PlainTextResponse(f"{exc}\n", status)

    return handle


def _unavailable(request: Request, exc: Exception) -> Response:
    # Store and configuration messages name files and URLs: the log gets them, the client does not.
    log.error("cannot answer %s: %s", request.url.path, exc)
    status = 503 if isinstance(exc, StoreError) else 500
    return PlainTextResponse("the calendar is unavailable right now; try again later\n", status)


def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    text = {404: "not found", 405: "read-only: use GET or HEAD"}.get(status, "error")
    return PlainTextResponse(text + "\n", status)


# -- running ------------------------------------------------------------------------------------


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; InputError saying what to do when the address is taken or invalid."""
    sock: socket.socket | None = None
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(1024)
    except OSError as exc:
        if sock is not None:
            sock.close()
        raise InputError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}): choose another --port or --host"
        ) from exc
    sock.set_inheritable(True)
    return sock


def make_server(app: ASGIApp) -> uvicorn.Server:
    """A uvicorn server for ``app``: no access log of its own (ours never shows the query)."""
    import uvicorn

    config = uvicorn.Config(
        app,
        access_log=False,
        log_level="warning",
        server_header=False,
        lifespan="off",
        ws="none",
        timeout_keep_alive=30,
    )
    return uvicorn.Server(config)


def serve(app: ASGIApp, sock: socket.socket) -> None:
    """Serve ``app`` on ``sock`` until interrupted (Ctrl-C or SIGTERM stop it gracefully)."""
    make_server(app).run(sockets=[sock])


def run(
    db_url: str,
    *,
    display_tz: str = "UTC",
    host: str = "127.0.0.1",
    port: int = 8080,
    token: str | None = None,
    announce: Callable[[str], None] = print,
    access_log: bool = False,
) -> None:
    """Open the store, bind, say where, and serve until interrupted."""
    from tracker.store import open_store

    if access_log and not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)

    store = open_store(db_url)
    try:
        app = create_app(store, token=token, display_tz=display_tz)
        with bind(host, port) as sock:
            bound = sock.getsockname()[1]
            shown = f"[{host}]" if ":" in host else host
            announce(f"http://{shown}:{bound}/")
            serve(app, sock)
    finally:
        store.close()
