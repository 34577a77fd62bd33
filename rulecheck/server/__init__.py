"""HTTP + WebSocket API and web page (optional extra: ``pip install rulecheck[server]``).

``create_app`` and ``serve`` are imported on first use, so a check worker process,
which imports ``rulecheck.server.workers``, does not load the web framework.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rulecheck.server.app import create_app, serve

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        import fastapi  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        from rulecheck.errors import ConfigError

        raise ConfigError("the server needs FastAPI and uvicorn: "
                          "pip install 'rulecheck[server]'") from exc
    from rulecheck.server import app

    return getattr(app, name)
