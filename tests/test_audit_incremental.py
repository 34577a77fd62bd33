"""Re-auditing after a rulebook change re-checks only the documents the change can
affect, and ends with exactly the store a full audit under the new rules gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from rulecheck.audit.rulehash import Ruleset, book_digests, changed_rules, recheck_scope
from rulecheck.audit.store import SCHEMA_VERSION, Store, StoreError
from rulecheck.rulebook.compiler import load_rulebook
from rulecheck.runner import Overrides
from tests.conftest import make_rule
from tests.test_audit import audit_into, stored

TEXTS = {
    "a.txt": "家人们限时秒杀开始了",      # the first version of PR-ZH-901 flags it
    "b.txt": "今晚抢购狂欢，大家准备好",    # an anchor only the second version has
    "c.txt": "全网最低价",                # bundled rules only
    "d.txt": "最近天气干燥，多喝水",        # nothing
    "e.txt": "今天有团购福利",              # the new rule PR-ZH-902
}
X1 = make_rule("PR-ZH-901", '"限时秒杀"', category="pricing")
X2 = make_rule("PR-ZH-901", '"限时秒杀" or "抢购狂欢"', category="pricing")
Y = make_rule("PR-ZH-902", '"团购福利"', category="pricing")


def _pack(root: Path, name: str, *rules: str) -> str:
    d = root / name
    d.mkdir()
    (d / "extra.yaml").write_text("".join(rules), encoding="utf-8")
    return str(d)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("docs")
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def _rules_in(db: Path) -> dict[str, set[str]]:
    return {Path(p).name: {r[0] for r in f} for p, f in stored(db).items()}


def test_rule_change_rechecks_only_what_it_can_affect(archive: Path, tmp_path: Path) -> None:
    v1 = _pack(tmp_path, "v1", X1)
    v2 = _pack(tmp_path, "v2", X2, Y)  # PR-ZH-901 widened, PR-ZH-902 added
    v3 = _pack(tmp_path, "v3", Y)      # PR-ZH-901 removed
    db = tmp_path / "audit.sqlite"
    first = audit_into(db, [str(archive)], cli=Overrides(rules_dirs=[v1]))
    assert first.checked == 5
    assert "PR-ZH-901" in _rules_in(db)["a.txt"]

    for rules, rechecked in ((v2, 3), (v3, 2)):
        t = audit_into(db, [str(archive)], cli=Overrides(rules_dirs=[rules]))
        # v2: a (had the changed rule), b (its new anchor), e (the new rule's anchor);
        # v3: a and b, which had findings of the removed rule
        assert (t.checked, t.kept, t.skipped) == (rechecked, 5 - rechecked, 5 - rechecked)
        fresh = tmp_path / f"fresh-{Path(rules).name}.sqlite"
        audit_into(fresh, [str(archive)], cli=Overrides(rules_dirs=[rules]))
        assert stored(db) == stored(fresh)
        again = audit_into(db, [str(archive)], cli=Overrides(rules_dirs=[rules]))
        assert (again.checked, again.kept, again.skipped) == (0, 0, 5)

    got = _rules_in(db)
    assert "PR-ZH-901" not in got["a.txt"] | got["b.txt"]
    assert "PR-ZH-902" in got["e.txt"]
    con = sqlite3.connect(db)
    fingerprints = {r[0] for r in con.execute("SELECT DISTINCT fingerprint FROM documents")}
    kept = {r[0] for r in con.execute("SELECT fingerprint FROM rulesets")}
    con.close()
    assert kept == fingerprints  # rulesets no document refers to are dropped


def test_selection_change_is_a_rule_change(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "audit.sqlite"
    audit_into(db, [str(archive)], cli=Overrides(select=["advertising"]))
    t = audit_into(db, [str(archive)], cli=Overrides(select=["advertising", "pricing"]))
    # only documents where a pricing rule's anchor occurs are checked again
    assert 0 < t.checked < 5 and t.kept == 5 - t.checked
    fresh = tmp_path / "fresh.sqlite"
    audit_into(fresh, [str(archive)], cli=Overrides(select=["advertising", "pricing"]))
    assert stored(db) == stored(fresh)
    assert "c.txt" in {Path(p).name for p, f in stored(db).items() if f}


def test_digests_follow_lexicons_not_layout(tmp_path: Path) -> None:
    def book(name: str, terms: list[str], rule_y: str = Y) -> dict[str, str]:
        d = tmp_path / name
        (d / "lexicons").mkdir(parents=True)
        (d / "lexicons" / "my_terms.yaml").write_text(
            "description: t\nterms: [" + ", ".join(terms) + "]\n", encoding="utf-8")
        (d / "p.yaml").write_text(make_rule("PR-ZH-903", "@my_terms", category="pricing")
                                  + rule_y, encoding="utf-8")
        return book_digests(load_rulebook([d], bundled=False, use_cache=False))[1]

    one = book("one", ["秒杀价"])
    moved = book("moved", ["秒杀价"])  # the same rules in another directory
    wider = book("wider", ["秒杀价", "抢购价"])
    reworded = book("reworded", ["秒杀价"], Y.replace('message: "m', 'message: "n'))
    assert one == moved
    assert changed_rules(one, wider) == {"PR-ZH-903"}
    assert changed_rules(one, reworded) == {"PR-ZH-902"}


def test_recheck_scope() -> None:
    old = Ruleset("f1", "base", {"A": "1", "B": "2", "C": "3*"})
    assert recheck_scope(old, Ruleset("f1", "base", dict(old.rules)), frozenset()) == set()
    new = Ruleset("f2", "base", {"A": "1", "B": "2b", "D": "4"})
    assert recheck_scope(old, new, frozenset({"A"})) is None  # C was unanchored
    old = Ruleset("f1", "base", {"A": "1", "B": "2", "C": "3"})
    assert recheck_scope(old, new, frozenset({"A"})) == {"B", "D"}
    assert recheck_scope(old, new, frozenset({"A", "C"})) is None  # C could have hit
    assert recheck_scope(old, new, None) is None  # not known where anchors occur
    assert recheck_scope(old, Ruleset("f3", "other", new.rules), frozenset()) is None
    assert recheck_scope(None, new, frozenset()) is None


def test_schema_1_store_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    (tmp_path / "t.txt").write_text("全网最低价", encoding="utf-8")
    audit_into(db, [str(tmp_path / "t.txt")])
    con = sqlite3.connect(db)  # back to the first schema
    con.executescript("ALTER TABLE documents DROP COLUMN candidates; DROP TABLE rulesets;"
                      "UPDATE meta SET value='1' WHERE key='schema';")
    con.close()
    before = stored(db)
    store = Store(str(db), create=False)
    assert store.query("SELECT value FROM meta")[0][0] == SCHEMA_VERSION
    assert store.query("SELECT candidates FROM documents")[0][0] is None
    store.close()
    assert stored(db) == before
    t = audit_into(db, [str(tmp_path / "t.txt")])
    assert t.skipped == 1 and stored(db) == before


def test_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    Store(str(db)).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value='99' WHERE key='schema'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema 99 is not"):
        Store(str(db))
