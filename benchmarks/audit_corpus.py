"""Generate an archive of live-stream transcripts for `rulecheck audit`.

Each transcript is a session of one anchor in one room on one date, written as plain
text, SubRip or ASR JSONL, and made of lines of the labelled sets
(corpora/labelled/*.jsonl: violations, hard negatives, clean talk) between filler
lines. A few claims recur on purpose so the cross-transcript audit rules have
something to find: an anchor's "only today" on many dates, one reference price for a
product across sessions, and sales figures that grow too fast. ``manifest.jsonl``
lists every file with its anchor, room, platform, date, product and product type.

    python benchmarks/audit_corpus.py OUT_DIR [--count 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LABELLED = REPO / "corpora" / "labelled"

FILLER = [
    "欢迎新进来的宝宝们，先点个关注不迷路", "我们来看一下这个细节，做工非常扎实",
    "有问题的宝宝可以在评论区打出来", "这个颜色上身特别显白，大家看一下",
    "助播帮我把链接再挂一下", "尺码不确定的可以问客服", "我自己用了大半年了，感觉还不错",
    "今天天气有点冷，大家注意保暖", "好，我们来讲下一款", "这个包装也很用心，送人也合适",
    "Welcome everyone, hit follow so you don't miss the next drop.",
    "Let me show you the stitching up close.",
]
PRODUCTS = [("面霜", "cosmetics"), ("口红", "cosmetics"), ("蛋白粉", "food"),
            ("鱼油", "health_food"), ("羽绒服", "apparel"), ("蓝牙耳机", "electronics"),
            ("蚕丝被", "household"), ("燕窝", "food")]
PLATFORMS = ["douyin", "kuaishou", "taobao", "weixin"]


def labelled_lines() -> list[str]:
    """Every line of the labelled sets (not the held-out set)."""
    lines = []
    for path in sorted(LABELLED.glob("*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                lines.append(json.loads(raw)["text"])
    return lines


def _recurring(rng: random.Random, anchor: int, day: int, product: str) -> list[str]:
    """Claims that only an audit across sessions can judge."""
    out = []
    if anchor % 4 == 0:
        out.append("只有今天这个价，过了今天恢复原价")
    if anchor % 5 == 1:
        out.append(f"这款{product}原价999今天只要{rng.choice([99, 129, 159])}元")
    if anchor % 7 == 2:
        out.append(f"这个{product}已经卖了{(day + 1) * 30}万单了家人们")
    return out


def _srt(lines: list[str]) -> str:
    def ts(s: float) -> str:
        ms = int(s * 1000)
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    return "".join(f"{i}\n{ts(i * 4.0)} --> {ts(i * 4.0 + 3.5)}\n{line}\n\n"
                   for i, line in enumerate(lines, start=1))


def _jsonl(lines: list[str], speaker: str) -> str:
    return "".join(json.dumps({"text": line, "start": i * 4.0, "end": i * 4.0 + 3.5,
                               "speaker": speaker}, ensure_ascii=False) + "\n"
                   for i, line in enumerate(lines))


def generate(out: Path, count: int = 10_000, seed: int = 7, lines_per_file: int = 40
             ) -> Path:
    """Write ``count`` transcripts and their manifest into ``out``; return the manifest."""
    rng = random.Random(seed)
    pool = labelled_lines()
    out.mkdir(parents=True, exist_ok=True)
    anchors = max(4, count // 100)
    start = dt.date(2024, 5, 1)
    manifest = []
    for i in range(count):
        anchor = rng.randrange(anchors)
        day = rng.randrange(60)
        product, ptype = PRODUCTS[(anchor + day) % len(PRODUCTS)]
        lines = [rng.choice(FILLER) if rng.random() < 0.6 else rng.choice(pool)
                 for _ in range(rng.randint(lines_per_file // 2, lines_per_file))]
        for claim in _recurring(rng, anchor, day, product):
            lines.insert(rng.randrange(len(lines) + 1), claim)
        fmt = ("txt", "srt", "jsonl")[i % 3]
        name = f"a{anchor:03d}/s{i:05d}.{fmt}"
        body = {"txt": "\n".join(lines) + "\n", "srt": _srt(lines),
                "jsonl": _jsonl(lines, f"anchor{anchor}")}[fmt]
        (out / name).parent.mkdir(exist_ok=True)
        (out / name).write_text(body, encoding="utf-8")
        manifest.append({"path": name, "anchor": f"anchor{anchor:03d}",
                         "room": f"room{anchor % 13:02d}", "platform": PLATFORMS[anchor % 4],
                         "date": (start + dt.timedelta(days=day)).isoformat(),
                         "product": product, "product_type": ptype})
    path = out / "manifest.jsonl"
    path.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in manifest),
                    encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--lines", type=int, default=40, help="most lines per transcript")
    args = ap.parse_args()
    manifest = generate(args.out, args.count, args.seed, args.lines)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"{args.count} transcripts, {size / 1e6:.1f} MB -> {args.out} ({manifest.name})")


if __name__ == "__main__":
    main()
