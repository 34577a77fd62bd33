"""The import layers of docs/architecture.md hold (import-linter, contract in pyproject)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_layers_point_one_way(monkeypatch: pytest.MonkeyPatch) -> None:
    cli = pytest.importorskip("importlinter.cli")
    monkeypatch.chdir(REPO)
    os.environ.setdefault("GRIMP_CACHE_DIR", str(REPO / ".import_linter_cache"))
    assert cli.lint_imports(config_filename=str(REPO / "pyproject.toml"),
                            no_cache=True) == 0, "run `lint-imports` to see the broken layer"


def test_no_module_imports_the_package_root_for_its_version() -> None:
    # the package root imports the engine: a lower layer naming it would import upwards
    offenders = [str(p.relative_to(REPO)) for p in (REPO / "rulecheck").rglob("*.py")
                 if "from rulecheck import __version__" in p.read_text(encoding="utf-8")]
    assert offenders == []
