"""The Ray engine stores exactly what the local engine stores (sample corpora, a local
Ray instance bound to 127.0.0.1), and resumes a run the local engine started."""

from __future__ import annotations

import builtins
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rulecheck.audit import engines
from rulecheck.cli import app
from tests.test_audit import REPO, audit_into, stored

pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context"),  # Ray's own
    pytest.mark.xdist_group("ray"),  # one worker starts Ray (seconds, 2 CPUs) for them all
]
CORPORA = [str(REPO / "corpora" / "samples"), str(REPO / "corpora" / "demo")]


def _documents(db: Path) -> dict[str, tuple]:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT path, status, content_hash, encoding, chars, error, "
                       "candidates FROM documents").fetchall()
    con.close()
    return {r[0]: r[1:] for r in rows}


def test_cli_starts_and_stops_a_private_ray(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    assert not ray.is_initialized()
    local, on_ray = tmp_path / "local.sqlite", tmp_path / "ray.sqlite"
    audit_into(local, [CORPORA[1]])
    r = CliRunner().invoke(app, ["audit", CORPORA[1], "--db", str(on_ray), "--engine", "ray",
                                 "-j", "1"])
    assert r.exit_code == 0, r.output
    assert "audited 2 document(s)" in r.output
    assert not ray.is_initialized()  # the instance it started is shut down
    assert stored(on_ray) == stored(local)


@pytest.fixture(scope="module")
def ray_local():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(address="local", num_cpus=2, include_dashboard=False,
             _node_ip_address="127.0.0.1", log_to_driver=False)
    try:
        yield ray
    finally:
        ray.shutdown()


def test_ray_equals_local(ray_local, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                          ) -> None:
    local, on_ray = tmp_path / "local.sqlite", tmp_path / "ray.sqlite"
    audit_into(local, CORPORA, jobs=1)

    def not_here(*args: object) -> None:
        raise AssertionError("checked in this process, not on Ray")

    monkeypatch.setitem(engines.ENGINES, "local", not_here)
    totals = audit_into(on_ray, CORPORA, jobs=2, engine="ray")
    assert totals.checked == 15 and not totals.unstored and totals.aborted is None
    assert stored(on_ray) == stored(local)
    assert _documents(on_ray) == _documents(local)
    assert sum(map(len, stored(local).values())) > 50
    assert ray_local.is_initialized()  # a Ray the caller started is left running


def test_ray_resumes_a_local_run(ray_local, tmp_path: Path) -> None:
    db, whole = tmp_path / "a.sqlite", tmp_path / "whole.sqlite"
    audit_into(db, [CORPORA[1]])  # the demo scripts, locally
    totals = audit_into(db, CORPORA, jobs=2, engine="ray")
    assert (totals.checked, totals.skipped) == (13, 2)
    audit_into(whole, CORPORA)
    assert stored(db) == stored(whole)


def test_engine_options_are_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "a.sqlite")
    run = CliRunner().invoke
    r = run(app, ["audit", CORPORA[1], "--db", db, "--address", "auto"])
    assert r.exit_code == 2 and "--address needs --engine ray" in r.output
    r = run(app, ["audit", CORPORA[1], "--db", db, "--engine", "spark"])
    assert r.exit_code == 2 and "--engine must be one of local, ray" in r.output
    real = builtins.__import__

    def no_ray(name: str, *a, **kw):
        if name == "ray" or name.startswith("ray."):
            raise ImportError(name)
        return real(name, *a, **kw)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    r = run(app, ["audit", CORPORA[1], "--db", db, "--engine", "ray"])
    assert r.exit_code == 2 and 'pip install "rulecheck[ray]"' in r.output
    assert "Traceback" not in r.output and not Path(db).exists()
