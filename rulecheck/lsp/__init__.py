"""A language server for editors (optional extra: ``pip install "rulecheck[lsp]"``).

``rulecheck lsp`` publishes findings as diagnostics while a script is edited, explains
them on hover and offers their fixes as code actions. pygls is imported on first use,
so a missing extra is one line on stderr, not a traceback.
"""

from __future__ import annotations

from rulecheck.errors import ConfigError

INSTALL_HINT = 'the language server needs pygls: pip install "rulecheck[lsp]"'


def serve(host: str | None = None, port: int = 2087) -> None:
    """Serve one editor over stdio, or over TCP on ``host``:``port`` when a host is given."""
    try:
        import pygls  # noqa: F401
    except ImportError as exc:
        raise ConfigError(INSTALL_HINT) from exc
    from rulecheck.lsp.server import serve as run

    run(host, port)
