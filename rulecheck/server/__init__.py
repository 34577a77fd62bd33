"""HTTP + WebSocket API and web page (optional extra: ``pip install rulecheck[server]``)."""

from __future__ import annotations

try:
    import fastapi  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    from rulecheck.errors import ConfigError

    raise ConfigError("the server needs FastAPI and uvicorn: "
                      "pip install 'rulecheck[server]'") from exc

from rulecheck.server.app import create_app, serve  # noqa: E402

__all__ = ["create_app", "serve"]
