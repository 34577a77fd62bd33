"""A baseline file: accepted findings that later runs hide (ESLint's bulk suppressions).

Old transcripts cannot carry inline comments, so an audit records what it has
already reviewed in a sidecar JSON file. A finding is keyed without line
numbers, so edits elsewhere in the file keep it hidden:

    (path, rule, normalized matched text, hash of the normalized sentence, occurrence)

where *occurrence* counts identical keys in the file; the file stores that as a
``count`` per key. A new violation, or the same words in a changed sentence,
shows again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rulecheck.errors import ConfigError, InputError
from rulecheck.model import FileResult, Finding
from rulecheck.readers.files import read_regular
from rulecheck.safetext import scrub

VERSION = 1
_SPACE = re.compile(r"\s+")

Key = tuple[str, str, str, str]  # path, rule, text, context hash


def normalize(text: str) -> str:
    """NFKC, case-folded, whitespace removed: spacing and width edits keep the key."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).casefold())


def context_hash(context: str) -> str:
    return hashlib.sha256(normalize(context).encode("utf-8")).hexdigest()[:16]


def path_key(path: str, base: Path) -> str:
    """The path as stored: relative to the baseline's directory, ``/``-separated."""
    if path == "-":
        return "-"
    full = Path(path).resolve()
    try:
        return full.relative_to(base.resolve()).as_posix()
    except ValueError:
        return full.as_posix()


def finding_key(f: Finding, base: Path) -> Key:
    return (path_key(f.path, base), f.rule, normalize(f.text), context_hash(f.context))


@dataclass
class Baseline:
    """Accepted findings: key -> how many identical ones are accepted."""

    path: Path
    counts: Counter[Key] = field(default_factory=Counter)

    @property
    def base(self) -> Path:
        return self.path.parent

    def for_file(self, path: str) -> Counter[Key]:
        """The entries for one input (what a worker needs to filter it)."""
        key = path_key(path, self.base)
        return Counter({k: n for k, n in self.counts.items() if k[0] == key})

    def filter(self, findings: Iterable[Finding]) -> tuple[list[Finding], int]:
        """Findings not accepted by the baseline, and how many were hidden."""
        return filter_findings(findings, self.counts, self.base)

    def update(self, results: Iterable[FileResult]) -> int:
        """Replace the entries of the checked files with their current findings.

        Entries of files not checked this time are kept unless the file is gone.
        Returns how many findings are now recorded for the checked files.
        """
        checked = {path_key(r.path, self.base) for r in results if r.error is None}
        fresh: Counter[Key] = Counter()
        for r in results:
            for f in r.findings:
                fresh[finding_key(f, self.base)] += 1
        kept = Counter({k: n for k, n in self.counts.items()
                        if k[0] not in checked and (k[0] == "-" or
                                                    (self.base / k[0]).exists())})
        self.counts = kept + fresh
        return sum(fresh.values())

    def to_json(self) -> str:
        entries = [{"path": p, "rule": r, "text": t, "context": h, "count": n}
                   for (p, r, t, h), n in sorted(self.counts.items())]
        return json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False,
                          indent=2, sort_keys=True) + "\n"

    def save(self) -> None:
        """Write atomically, so an interrupted run never leaves half a baseline."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".rulecheck-baseline-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(self.to_json())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def filter_findings(findings: Iterable[Finding], counts: Counter[Key], base: Path
                    ) -> tuple[list[Finding], int]:
    """Hide the first ``count`` findings of each key, in file order."""
    findings = list(findings)
    budget = Counter(counts)
    hidden: set[int] = set()
    for f in sorted(findings, key=lambda f: (f.start, f.end, f.rule)):
        k = finding_key(f, base)
        if budget[k] > 0:
            budget[k] -= 1
            hidden.add(id(f))
    return [f for f in findings if id(f) not in hidden], len(hidden)


def load(path: str | Path, *, missing_ok: bool = False) -> Baseline:
    """Read a baseline file (``ConfigError`` with a one-line message when it is bad)."""
    path = Path(path)
    if not path.exists():
        if missing_ok:
            return Baseline(path)
        raise ConfigError(f"{path}: no such baseline file "
                          "(create it with --update-baseline)")
    try:
        raw = read_regular(str(path)).decode("utf-8")
    except InputError as exc:
        raise ConfigError(f"cannot read the baseline: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read the baseline ({exc})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: not a baseline: {exc.msg}") from None
    except RecursionError:
        raise ConfigError(f"{path}: not a baseline: nested too deeply") from None
    if not isinstance(data, dict) or data.get("version") != VERSION \
            or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{path}: not a rulecheck baseline (version {VERSION} expected)")
    counts: Counter[Key] = Counter()
    for i, e in enumerate(data["findings"]):
        try:
            key = (scrub(str(e["path"])), str(e["rule"]), scrub(str(e["text"])),
                   str(e["context"]))
            n = e.get("count", 1)
            if isinstance(n, float) and n.is_integer():  # 2.0; never inf or nan
                n = int(n)
            if isinstance(n, bool) or not isinstance(n, int) or not 0 < n < 2**31:
                raise ValueError(n)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ConfigError(f"{path}: baseline entry {i + 1} needs path, rule, text, "
                              "context and count") from None
        counts[key] += n
    return Baseline(path, counts)
