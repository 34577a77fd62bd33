"""The on-disk cache never runs code it did not write: planted pickles, unsafe directories,
symlinks and a key file that is not private are all refused."""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rulecheck import cachefiles

REPO = Path(__file__).resolve().parent.parent

#: Touches every cache: the rulebook, the parser (when the rulebook is compiled), the
#: normalizer tables (non-ASCII text), the jieba dictionary trie (token-exact rules) and
#: spaCy's English tokenizer rules (an English sentence).
SNIPPET = """
from rulecheck.engine.checker import Checker
checker = Checker()
found = checker.check_text("这是全网最好用的面霜，最近天气干燥", lang="zh")
found += checker.check_text("This is the best face cream in the world.", lang="en")
print(sorted({f.rule for f in found}))
"""

CACHES = {
    "rulebook": "rulebook-*.pickle",
    "normalizer": "normalize-*.pickle",
    "parser": "grammar-*.lark",
    "jieba": "jieba-*.trie",
    "entok": "entok-*.json",
}


class _Touch:
    """Unpickling this creates the marker file: code run from the cache."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def run(cache: Path, *, remove: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    for pattern in remove:
        for path in cache.glob(pattern):
            path.unlink()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RULECHECK_")}
    env["RULECHECK_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, "-c", SNIPPET], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=600, check=False)


def signed(cache: Path, name: str, payload: bytes) -> bytes:
    """What a cache file holding `payload` looks like when its HMAC is right."""
    key = (cache / cachefiles.KEY_FILE).read_bytes()
    mac = hmac.new(key, name.encode() + b"\0" + payload, hashlib.sha256).digest()
    return cachefiles.MAGIC + mac + payload


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A cache directory filled by one run, and that run's output."""
    cache = tmp_path_factory.mktemp("warm") / "cache"
    done = run(cache)
    assert done.returncode == 0, done.stderr
    assert "AD-ZH-001" in done.stdout
    for pattern in CACHES.values():
        assert list(cache.glob(pattern)), pattern
    return cache, done.stdout


@pytest.fixture
def cache(warm: tuple[Path, str], tmp_path: Path) -> Path:
    copy = tmp_path / "cache"
    shutil.copytree(warm[0], copy)
    copy.chmod(0o700)
    return copy


def the_file(cache: Path, kind: str) -> Path:
    (path,) = sorted(cache.glob(CACHES[kind]), key=lambda p: p.stat().st_mtime)[-1:]
    return path


def prepare(cache: Path, kind: str) -> tuple[str, ...]:
    """Other caches to drop so that a run has to read the one under test."""
    if kind == "parser":
        return ("rulebook-*",)  # the parser is only loaded to compile the rulebook
    return ()


@pytest.mark.parametrize("kind", sorted(CACHES))
def test_a_planted_pickle_is_never_run(cache: Path, warm: tuple[Path, str], tmp_path: Path,
                                       kind: str) -> None:
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Touch(marker))
    target = the_file(cache, kind)
    target.write_bytes(cachefiles.MAGIC + b"\0" * 32 + payload)  # a forged HMAC
    done = run(cache, remove=prepare(cache, kind))
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert done.stdout == warm[1]
    rebuilt = the_file(cache, kind)
    assert rebuilt.read_bytes().startswith(cachefiles.MAGIC)
    assert payload not in rebuilt.read_bytes()


def test_a_plain_pickle_is_never_run(cache: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A pickle as older versions wrote them (no HMAC) is ignored, for every cache name."""
    monkeypatch.delenv("RULECHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("RULECHECK_CACHE_DIR", str(cache))
    marker = tmp_path / "ran"
    for kind in CACHES:
        target = the_file(cache, kind)
        target.write_bytes(pickle.dumps(_Touch(marker)))
        assert cachefiles.load(target.name) is None
        assert cachefiles.load_bytes(target.name) is None
    assert not marker.exists()


def test_the_planted_pickle_would_have_run(tmp_path: Path) -> None:
    """The payload of these tests does run code when unpickled: the tests can fail."""
    marker = tmp_path / "ran"
    pickle.loads(pickle.dumps(_Touch(marker)))
    assert marker.exists()


def test_a_world_writable_cache_dir_is_refused(tmp_path: Path, warm: tuple[Path, str]) -> None:
    cache = tmp_path / "open"
    cache.mkdir()
    cache.chmod(0o777)
    done = run(cache)
    assert done.returncode == 0
    assert done.stdout == warm[1]
    warnings = [line for line in done.stderr.splitlines() if "cache" in line]
    assert len(warnings) == 1, done.stderr
    assert "writable by other users" in warnings[0]
    assert "running without a cache" in warnings[0]
    assert list(cache.iterdir()) == []


def test_a_group_writable_cache_dir_is_refused(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "group"
    folder.mkdir()
    folder.chmod(0o770)
    monkeypatch.delenv("RULECHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("RULECHECK_CACHE_DIR", str(folder))
    assert cachefiles.cache_dir() is None
    assert not cachefiles.store("x.pickle", 1)
    folder.chmod(0o700)
    assert cachefiles.cache_dir() == folder


def test_a_symlink_in_place_of_a_cache_file_is_not_followed(cache: Path, tmp_path: Path,
                                                             warm: tuple[Path, str]) -> None:
    marker = tmp_path / "ran"
    target = the_file(cache, "normalizer")
    # even a file signed with the right key is not read through a symlink
    elsewhere = tmp_path / "elsewhere.pickle"
    planted = signed(cache, target.name, pickle.dumps(_Touch(marker)))
    elsewhere.write_bytes(planted)
    target.unlink()
    target.symlink_to(elsewhere)
    done = run(cache)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert done.stdout == warm[1]
    assert not target.is_symlink()  # replaced by a file of its own ...
    assert elsewhere.read_bytes() == planted  # ... and the link's target left alone


def test_a_signed_file_is_trusted(cache: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The converse of the symlink test: the same signed file, in place, is loaded (so
    the symlink test shows that the link, not the signature, was refused)."""
    monkeypatch.delenv("RULECHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("RULECHECK_CACHE_DIR", str(cache))
    marker = tmp_path / "ran"
    (cache / "probe.pickle").write_bytes(signed(cache, "probe.pickle",
                                                pickle.dumps(_Touch(marker))))
    cachefiles.load("probe.pickle")
    assert marker.exists()


def test_a_file_signed_for_another_name_is_refused(cache: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RULECHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("RULECHECK_CACHE_DIR", str(cache))
    assert cachefiles.store("a.pickle", {"x": 1})
    (cache / "b.pickle").write_bytes((cache / "a.pickle").read_bytes())
    assert cachefiles.load("a.pickle") == {"x": 1}
    assert cachefiles.load("b.pickle") is None


def test_a_key_file_that_is_not_private_is_refused(cache: Path, tmp_path: Path,
                                                   warm: tuple[Path, str]) -> None:
    marker = tmp_path / "ran"
    target = the_file(cache, "normalizer")
    target.write_bytes(signed(cache, target.name, pickle.dumps(_Touch(marker))))
    (cache / cachefiles.KEY_FILE).chmod(0o644)
    done = run(cache)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert done.stdout == warm[1]
    assert "mode 0600" in done.stderr


def test_writes_use_unpredictable_names_and_replace_whole(cache: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.delenv("RULECHECK_NO_CACHE", raising=False)
    monkeypatch.setenv("RULECHECK_CACHE_DIR", str(cache))
    # a symlink planted at the old predictable temporary name is never written through
    victim = cache.parent / "victim"
    victim.write_text("keep")
    (cache / f"x.{os.getpid()}.tmp").symlink_to(victim)
    assert cachefiles.store("x", [1, 2])
    assert victim.read_text() == "keep"
    assert cachefiles.load("x") == [1, 2]
    assert not [p for p in cache.iterdir() if p.name.startswith(".x.")]
    assert (cache / "x").stat().st_mode & 0o777 == 0o600
