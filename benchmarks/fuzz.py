"""Long fuzz run: random text and bytes at the library, the readers, the CLI and the
server, plus generated malformed rule packs and configurations.

Every input must end in an answer of the expected kind: findings or
InputError/RuleError/ConfigError from the library, exit 0/1/2 without a traceback
from the CLI, a status below 500 from the server (and no ``internal_error`` on the
WebSocket). Anything else is counted as a traceback found and its input is saved.

    python benchmarks/fuzz.py                       # 100,000 inputs + 300 packs + 300 configs
    python benchmarks/fuzz.py --inputs 2000 --packs 50 --json
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _harness import machine  # noqa: E402  (benchmarks/ is on the path)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = ["最好", "全网最低价", "第一", "原价999今天只要99", "治疗", "根治", "the best", "No.1",
         "最 好", "蕞好", "加V信", "100%有效", "仅限今天", "不敢说最好", "保健食品不能代替药物",
         "cures cancer", "lowest price ever", "\n", "\r\n", "，", "。", "\t", " ", "!"]
ODD = ["\ud83d", "\udce9", "\udfff", "\x00", "\x1b[31m", "\x1b]0;x\x07", "\u202e", "\u2067",
       "\ufeff", "\u200b", "😀", "\U0010ffff", "{", "}", "[", "]", '"', "\\", "-->", "<!--",
       "WEBVTT\n\n", "1\n00:00:01,000 --> 00:00:02,000\n", "00:00:01.000 --> x", ",", ";",
       "# rulecheck: ignore[AD-ZH-001]", "<!-- rulecheck: ignore -->", "=", "@", "+", "-",
       '{"text": "', '"}', "\\ud83d"]
LONG = ["[" * 3000, "a" * 5000, "最好" * 200, "。" * 3000]  # rare: 2% of the parts
FORMATS = ("txt", "md", "srt", "vtt", "jsonl", "csv", "docx")
ENCODINGS = (None, None, None, "utf-8", "gb18030", "utf-16", "big5", "rot13", "hex", "nosuch",
             "utf-8\x00", "latin-1")


class Gen:
    """Random inputs from a seeded generator (the run is reproducible from --seed)."""

    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def text(self, parts: int = 30) -> str:
        r = self.r
        out = []
        for _ in range(r.randint(0, parts)):
            k = r.random()
            if k < 0.55:
                out.append(r.choice(WORDS))
            elif k < 0.78:
                out.append(r.choice(ODD))
            elif k < 0.8:
                out.append(r.choice(LONG))
            else:
                out.append("".join(chr(r.randint(0, 0x10FFFF) if r.random() < 0.3
                                       else r.randint(0x20, 0x9FFF))
                                   for _ in range(r.randint(1, 8))))
        return "".join(out)

    def blob(self) -> bytes:
        r = self.r
        k = r.random()
        if k < 0.3:
            return r.randbytes(r.randint(0, 600))
        codec = r.choice(["utf-8", "utf-16", "gb18030"])
        errors = "surrogatepass" if codec != "gb18030" and r.random() < 0.5 else "replace"
        data = self.text().encode(codec, errors)
        if k < 0.5 and data:  # flip some bytes
            b = bytearray(data)
            for _ in range(r.randint(1, 5)):
                b[r.randrange(len(b))] = r.randrange(256)
            data = bytes(b)
        return data


# -- the targets ----------------------------------------------------------------------

class Targets:
    def __init__(self, gen: Gen, tmp: Path, isolation: str = "thread"):
        from rulecheck.engine.checker import Checker

        self.isolation = isolation
        self.gen = gen
        self.tmp = tmp
        self.checker = Checker()
        self._client: Any = None
        self.timeouts = 0  # checks stopped at the server's deadline (503 / close 1011)

    def client(self) -> Any:
        if self._client is None:
            from fastapi.testclient import TestClient

            from rulecheck.server import create_app

            self._client = TestClient(create_app(self.checker, warm_up=False,
                                                 max_body_bytes=50_000,
                                                 isolation=self.isolation))
            self._client.__enter__()
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.__exit__(None, None, None)

    def library(self) -> str:
        text = self.gen.text()
        for f in self.checker.check_text(text, lang=self.gen.r.choice(["auto", "zh", "en"])):
            assert 0 <= f.start <= f.end <= len(text)
            json.dumps(f.to_dict(), ensure_ascii=False).encode("utf-8")
        return text

    def readers(self) -> str:
        from rulecheck import readers
        from rulecheck.errors import InputError

        r = self.gen.r
        data, fmt, enc = self.gen.blob(), r.choice(FORMATS), r.choice(ENCODINGS)
        try:
            doc = readers.read_bytes(data, path="fuzz", input_format=fmt, encoding=enc)
            doc.text.encode("utf-8")
        except InputError:
            pass
        return f"{fmt} {enc!r} {data!r}"

    def cli(self) -> str:
        from typer.testing import CliRunner

        from rulecheck.cli import app

        r = self.gen.r
        p = self.tmp / f"in{r.choice(['.txt', '.srt', '.vtt', '.jsonl', '.csv', '.md'])}"
        data = self.gen.blob()
        p.write_bytes(data)
        fmt = r.choice(["text", "json", "jsonl", "csv", "sarif", "html", "junit", "github"])
        res = CliRunner().invoke(app, ["check", str(p), "--format", fmt, "--isolated",
                                       "-j", "1"])
        ok = res.exit_code in (0, 1, 2) and "Traceback" not in res.output and (
            res.exception is None or isinstance(res.exception, SystemExit))
        assert ok, f"exit {res.exit_code}: {res.exception!r}"
        return f"{p.name} {fmt} {data!r}"

    def server(self) -> str:
        c = self.client()
        r = self.gen.r
        k = r.random()
        if k < 0.4:
            body = json.dumps({"text": self.gen.text(),
                               "format": r.choice(FORMATS[:-1])}).encode()
        elif k < 0.55:
            body = json.dumps({"segments": [{"text": self.gen.text(6)}
                                            for _ in range(r.randint(0, 6))]}).encode()
        elif k < 0.7:
            body = self.gen.blob()
        else:
            req: dict[str, Any] = {"filename": self.gen.text(3)[:40] + r.choice(
                [".txt", ".srt", ".jsonl", ".docx", ".csv", ""]),
                "content_base64": base64.b64encode(self.gen.blob()).decode()}
            if r.random() < 0.3:
                req["encoding"] = r.choice([e for e in ENCODINGS if e])
            resp = c.post("/v1/check-file", content=json.dumps(req).encode(),
                          headers={"content-type": "application/json"})
            self._answered(resp)
            return json.dumps(req)[:2000]
        resp = c.post("/v1/check", content=body, headers={"content-type": "application/json"})
        self._answered(resp)
        return repr(body[:2000])

    def _answered(self, resp: Any) -> None:
        """A 4xx, or the documented 503 of a check past its deadline (counted apart)."""
        if resp.status_code == 503 and '"timeout"' in resp.text:
            self.timeouts += 1
            return
        assert resp.status_code < 500, resp.text

    def websocket(self) -> str:
        c = self.client()
        r = self.gen.r
        msgs = [r.choice([self.gen.text(), json.dumps({"text": self.gen.text(8)}),
                          "[" * 4000]) for _ in range(r.randint(1, 4))]
        with c.websocket_connect("/v1/stream") as ws:
            for m in msgs:
                ws.send_text(m)
                got = ws.receive_json()
                while got["type"] == "finding":
                    got = ws.receive_json()
                assert got.get("code") != "internal_error", got
                if got.get("code") == "timeout":  # the session is closed after it
                    self.timeouts += 1
                    return repr(msgs)[:2000]
            ws.send_json({"type": "end"})
            assert ws.receive_json()["type"] == "stats"
        return repr(msgs)[:2000]


# -- malformed packs and configurations ------------------------------------------------

RULE = {"id": "AD-ZH-901", "category": "advertising", "family": "f", "severity": "error",
        "lang": "zh", "title": "t", "law": "l", "message": "m {match}",
        "match": 'word("最好") and not negated(2)', "scope": "sentence",
        "suggest": ["很好"], "examples": {"bad": ["最好"], "good": ["很好"]}}
PIECES = ['"最好"', " or ", " and ", "not ", "(", ")", "/a+/", "/(a|aa)*b/", "/a{4294967296}/",
          "@negators", "@nosuch", "word(", "near 3", "then 2", ",", "NUM", "PRICE", "value(",
          '">"', "3", "after(", "before(", "quoted()", "\x07", "'", "{", "]", "$x"]
BAD_VALUES: list[Any] = [None, 1, 1e400, True, [], {}, ["pricing"], {"a": 1}, "", "\x00",
                         "x" * 5000, [[[[]]]], "\ud83d"]


def mutate_pack(gen: Gen) -> str:
    r = gen.r
    import yaml

    rule: dict[str, Any] = json.loads(json.dumps(RULE))
    for _ in range(r.randint(1, 4)):
        k = r.random()
        key = r.choice(list(rule) + ["unless", "applies_to", "fix", "bogus"])
        if k < 0.35:
            rule["match"] = "".join(r.choice(PIECES) for _ in range(r.randint(1, 15)))
        elif k < 0.6:
            rule[key] = r.choice(BAD_VALUES)
        elif k < 0.75:
            rule.pop(key, None)
        elif k < 0.85:
            rule["match"] = " or ".join(f'"词{i}"' for i in range(r.randint(100, 800)))
        else:
            rule["match"] = "not " * r.randint(50, 3000) + '"x"'
    try:
        text = yaml.safe_dump([rule], allow_unicode=True)
    except Exception:  # noqa: BLE001 - unrepresentable values: write raw text instead
        text = repr(rule)
    k = r.random()
    if k < 0.1:
        text = "- " + "[" * r.randint(100, 50_000)
    elif k < 0.2:
        text = text.replace("AD-ZH-901", "!!python/object:os.system AD-ZH-901")
    elif k < 0.3:
        pos = r.randrange(len(text) + 1)
        text = text[:pos] + r.choice(ODD) + text[pos:]
    return text


def mutate_config(gen: Gen) -> str:
    r = gen.r
    parts = ['select = ["AD"]\n', 'ignore = ["PR-ZH-001"]\n', "[per-file-ignores]\n",
             '"*.txt" = ["AD"]\n', '"[z-a].txt" = ["AD"]\n', '"' + "*a" * 40 + 'b" = ["AD"]\n',
             "[severity]\n", '"AD" = "info"\n', '"AD" = 3\n', "lang = 'xx'\n",
             "fail-on = 'bad'\n", "rules = ['nosuch']\n", "a = " + "[" * 5000 + "]" * 5000,
             "x = 1e400\n", "\x07", "[[", "allowlist = [1]\n", "product-type = []\n"]
    return "".join(r.choice(parts) for _ in range(r.randint(1, 8)))


def check_pack(d: Path, text: str) -> None:
    from rulecheck.errors import RuleError
    from rulecheck.rulebook.compiler import load_rulebook

    (d / "a.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_rulebook([d], bundled=False, use_cache=False)
    except RuleError:
        pass


def check_config(d: Path, text: str) -> None:
    from rulecheck.config import load_config
    from rulecheck.errors import ConfigError

    p = d / "rulecheck.toml"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        s = load_config(p)
        for pattern, _ in s.per_file_ignores:
            s.ignores_for(str(d / ("a" * 200 + ".txt")))
            s.ignores_for(str(d / pattern.replace("*", "x")))
    except ConfigError:
        pass


# -- the run ---------------------------------------------------------------------------



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inputs", type=int, default=100_000)
    ap.add_argument("--packs", type=int, default=300)
    ap.add_argument("--configs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--save", type=Path, default=Path("fuzz-failures.jsonl"),
                    help="where the inputs that raised are written")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--isolation", choices=("thread", "process"), default="thread",
                    help="where the server under test runs its checks")
    ap.add_argument("--only", action="append", choices=("library", "readers", "server",
                                                         "websocket", "cli"),
                    help="fuzz these targets only (repeatable)")
    args = ap.parse_args(argv)
    import logging

    logging.getLogger("rulecheck.server").setLevel(logging.CRITICAL)  # counted, not printed
    gen = Gen(args.seed)
    began = time.perf_counter()
    counts: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    spent: Counter[str] = Counter()
    saved = 0
    with tempfile.TemporaryDirectory(prefix="rulecheck-fuzz-") as tmp:
        targets = Targets(gen, Path(tmp), args.isolation)
        weights: list[tuple[str, float, Callable[[], str]]] = [
            ("library", 0.25, targets.library), ("readers", 0.58, targets.readers),
            ("server", 0.12, targets.server), ("websocket", 0.03, targets.websocket),
            ("cli", 0.02, targets.cli)]
        if args.only:
            weights = [w for w in weights if w[0] in args.only]
        names = [w[0] for w in weights]
        fns = {w[0]: w[2] for w in weights}
        jobs: list[tuple[str, Callable[[], Any]]] = []
        for _ in range(args.packs):
            text = mutate_pack(gen)
            jobs.append(("pack", lambda t=text: (check_pack(Path(tmp), t), t)[1]))
        for _ in range(args.configs):
            text = mutate_config(gen)
            jobs.append(("config", lambda t=text: (check_config(Path(tmp), t), t)[1]))
        picks = gen.r.choices(names, [w[1] for w in weights], k=args.inputs)
        jobs.extend((name, fns[name]) for name in picks)
        with args.save.open("w", encoding="utf-8") as out:
            for i, (name, fn) in enumerate(jobs):
                counts[name] += 1
                t0 = time.perf_counter()
                try:
                    fn()
                except Exception as exc:  # noqa: BLE001 - what the run is looking for
                    failures[name] += 1
                    kinds[f"{name}: {type(exc).__name__}: {str(exc)[:80]}"] += 1
                    if saved < 200:
                        saved += 1
                        out.write(json.dumps({"target": name, "error": repr(exc)[:500],
                                              "traceback": traceback.format_exc()[-2000:]},
                                             ensure_ascii=True) + "\n")
                        out.flush()
                finally:
                    spent[name] += time.perf_counter() - t0
                if not args.json and (i + 1) % 1000 == 0:
                    print(f"{i + 1} inputs, {sum(failures.values())} tracebacks, "
                          f"{time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
        targets.close()
    report = {"inputs": sum(v for k, v in counts.items() if k not in ("pack", "config")),
              "packs": counts["pack"], "configs": counts["config"], "by_target": dict(counts),
              "tracebacks": sum(failures.values()), "tracebacks_by_target": dict(failures),
              "server_timeouts": targets.timeouts,
              "kinds": dict(kinds.most_common(20)),
              "seconds_by_target": {k: round(v, 1) for k, v in spent.items()},
              "seconds": round(time.perf_counter() - began, 1),
              "seed": args.seed, "isolation": args.isolation, "machine": machine()}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for k, v in report.items():
            print(f"{k}: {v}")
    return 1 if report["tracebacks"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
