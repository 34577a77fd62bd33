"""Locating rule packs and lexicons on disk: the bundled rulebook and user directories."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from rulecheck.errors import RuleError

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_rules_dir() -> Path:
    """The rules shipped in the wheel, or the repository's rules/ in a source checkout."""
    for candidate in (_PACKAGE / "_bundled_rules", _PACKAGE.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("the bundled rules are missing from this installation")


@dataclass(frozen=True)
class RuleSources:
    """The rule files, as the strings of their paths: a plain check only stats them (to
    tell whether its cached rulebook is fresh), and a Path for each of a thousand files
    costs more than that."""

    pack_names: tuple[str, ...]
    lexicon_names: tuple[str, ...]

    @property
    def packs(self) -> tuple[Path, ...]:
        return tuple(map(Path, self.pack_names))

    @property
    def lexicons(self) -> tuple[Path, ...]:
        return tuple(map(Path, self.lexicon_names))

    def fingerprint(self, salt: str) -> str:
        """Hash of every file's name and bytes: the key of the compiled-rulebook cache."""
        digest = hashlib.sha256(salt.encode())
        for path in (*self.packs, *self.lexicons):
            digest.update(str(path).encode())
            digest.update(b"\0")
            digest.update(_pack_bytes(path))
        return digest.hexdigest()[:24]


def _pack_bytes(path: Path) -> bytes:
    """A pack's bytes; a FIFO or device named *.yaml is refused, never read."""
    from rulecheck.errors import InputError
    from rulecheck.readers.files import read_regular
    from rulecheck.rulebook.yamlsource import MAX_PACK_BYTES

    try:
        return read_regular(str(path), MAX_PACK_BYTES)
    except InputError as exc:
        raise RuleError(f"cannot read: {exc}") from None


def find_sources(dirs: list[Path]) -> RuleSources:
    """Every pack and lexicon (``*.yaml``, ``*.yml``) under `dirs`, each directory's in
    the order of their paths; files under a ``lexicons`` folder are lexicons.

    Walked with os.scandir as ``sorted(d.rglob("*.y*ml"))`` finds them (symlinked
    directories are not entered), each named as ``str()`` of that Path would name it: a
    plain check walks the bundled rules, about a thousand files, before it can tell
    whether its cached rulebook is fresh, and pathlib spends several times longer."""
    packs: list[str] = []
    lexicons: list[str] = []
    for d in dirs:
        if not d.is_dir():
            raise RuleError(f"{d}: rules directory not found")
        found: list[tuple[str, ...]] = []
        _walk(str(d), (), found)
        found.sort()  # as Paths sort: part by part
        base = str(d)
        prefix = "" if base == "." else base if base.endswith("/") else base + "/"
        for parts in found:
            (lexicons if "lexicons" in parts else packs).append(prefix + "/".join(parts))
    return RuleSources(tuple(packs), tuple(lexicons))


def _walk(folder: str, parts: tuple[str, ...], found: list[tuple[str, ...]]) -> None:
    """The relative parts of each YAML file in `folder` and the directories below it."""
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except PermissionError:
        return
    for entry in entries:
        name = entry.name
        if name.endswith((".yaml", ".yml")) and name.rfind(".") > 0:  # a suffix, as Path's
            found.append((*parts, name))
        try:
            is_dir = entry.is_dir() and not entry.is_symlink()
        except OSError:
            continue
        if is_dir:
            _walk(entry.path, (*parts, name), found)
