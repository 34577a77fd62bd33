"""Who may talk to the server: the Host header and a WebSocket's Origin.

A server on loopback is still reachable from any web page the user opens: by DNS
rebinding (an attacker's name resolving to 127.0.0.1, sent as the Host header) and
by a cross-origin WebSocket (browsers do not apply the same-origin policy to
WebSockets). So requests must name an allowed host, and a WebSocket opened by a
browser (it always sends Origin) must come from an allowed origin.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

#: The names of this machine's loopback interface, plus the name ASGI test clients
#: send; ``serve --allowed-host`` adds the names a deployment is reached by.
LOOPBACK_HOSTS: tuple[str, ...] = ("localhost", "127.0.0.1", "::1", "testserver")


def host_name(value: str) -> str:
    """``example.com:8000`` -> ``example.com``; ``[::1]:8000`` -> ``::1``; lower case."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else value
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value


class HostGuard:
    """Answer 400 to a request whose Host is not allowed; refuse (403) a WebSocket whose
    Origin names another host. ``"*"`` in ``hosts`` allows any host."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str],
                 origins: Iterable[str] = ()):
        self.app = app
        self.hosts = frozenset(host_name(h) for h in hosts)
        self.any_host = "*" in self.hosts
        self.origins = frozenset(o.rstrip("/").lower() for o in origins)

    def _host_ok(self, scope: Scope) -> bool:
        if self.any_host:
            return True
        for name, value in scope.get("headers", []):
            if name == b"host":
                return host_name(value.decode("latin-1")) in self.hosts
        return False  # HTTP/1.1 requires Host; a request without one is not ours

    def _origin_ok(self, scope: Scope) -> bool:
        for name, value in scope.get("headers", []):
            if name == b"origin":
                origin = value.decode("latin-1").strip().rstrip("/").lower()
                if origin in self.origins:
                    return True
                try:
                    host = urlsplit(origin).hostname
                except ValueError:
                    return False
                return host is not None and (self.any_host or host in self.hosts)
        return True  # not a browser: no Origin to check

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host_ok = self._host_ok(scope)
        if scope["type"] == "websocket":
            if not host_ok or not self._origin_ok(scope):
                await send({"type": "websocket.close", "code": 1008,
                            "reason": "origin or host not allowed"})
                return
        elif not host_ok:
            body = json.dumps({"error": {"code": "host_not_allowed",
                                         "message": "the Host header names no host this "
                                                    "server answers for"}}).encode()
            await send({"type": "http.response.start", "status": 400,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode()),
                                    (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)
