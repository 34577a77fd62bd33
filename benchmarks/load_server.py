"""Load test of the HTTP + WebSocket server on loopback; bounded in clients and time.

Starts `rulecheck serve` in a child process on a free 127.0.0.1 port, runs N
concurrent clients for a fixed time (a mix of POST /v1/check and WebSocket
streams of ASR segments), then stops the server and prints errors, p50/p99
latency, throughput and the server's memory (RSS). It never talks to another
host: --url must point at 127.0.0.1 / localhost.

    python benchmarks/load_server.py                 # 200 clients, 30 s, 25% streams
    python benchmarks/load_server.py --clients 50 --duration 10 --json
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import websockets

ROOT = Path(__file__).resolve().parent.parent
HARD_LIMIT_S = 600  # whatever the arguments say, the run ends within this


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    ok: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    findings: int = 0
    server_ms: list[float] = field(default_factory=list)  # time inside the check itself


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]


def corpus() -> tuple[list[str], list[str]]:
    """Script lines for /v1/check and short ASR-like pieces for the streams."""
    lines: list[str] = []
    for name in ("script.txt", "script_en.txt"):
        path = ROOT / "corpora" / "demo" / name
        if path.exists():
            lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if not lines:
        lines = ["这是全网最好用的面霜，原价999元，今天只要99元。", "最近天气干燥，注意补水。"]
    pieces: list[str] = []
    asr = ROOT / "corpora" / "samples" / "asr.jsonl"
    if asr.exists():
        for ln in asr.read_text(encoding="utf-8").splitlines():
            if ln.strip():
                pieces.append(json.loads(ln)["text"])
    for ln in lines:  # cut script lines into recognizer-sized pieces too
        for i in range(0, len(ln), 9):
            pieces.append(ln[i:i + 9])
    return lines, pieces


async def http_client(url: str, deadline: float, lines: list[str], tally: Tally,
                      client: httpx.AsyncClient, rng: random.Random) -> None:
    while time.monotonic() < deadline:
        text = "\n".join(rng.choice(lines) for _ in range(rng.randint(1, 6)))
        began = time.perf_counter()
        try:
            r = await client.post(url + "/v1/check", json={"text": text})
        except httpx.HTTPError as exc:
            tally.errors[f"http {type(exc).__name__}"] += 1
            await asyncio.sleep(0.05)
            continue
        elapsed = time.perf_counter() - began
        if r.status_code == 200:
            tally.ok += 1
            tally.latencies.append(elapsed)
            body = r.json()
            tally.findings += len(body["findings"])
            tally.server_ms.append(body["summary"]["elapsed_ms"])
        else:
            tally.errors[f"http {r.status_code}"] += 1


async def ws_client(url: str, deadline: float, pieces: list[str], tally: Tally,
                    rng: random.Random) -> None:
    ws_url = url.replace("http://", "ws://") + "/v1/stream?lang=zh"
    while time.monotonic() < deadline:
        try:
            async with websockets.connect(ws_url, open_timeout=10, close_timeout=5,
                                          max_size=2**22) as ws:
                t = 0.0
                for _ in range(rng.randint(20, 60)):  # one "broadcast", then a new session
                    if time.monotonic() >= deadline:
                        break
                    text = rng.choice(pieces)
                    began = time.perf_counter()
                    await ws.send(json.dumps({"text": text, "start": t, "end": t + 1.5,
                                              "speaker": "主播"}, ensure_ascii=False))
                    t += 1.5
                    while True:
                        msg = json.loads(await ws.recv())
                        if msg["type"] == "finding":
                            tally.findings += 1
                        elif msg["type"] == "ack":
                            tally.ok += 1
                            tally.server_ms.append(msg["latency_ms"])
                            tally.latencies.append(time.perf_counter() - began)
                            break
                        elif msg["type"] == "error":
                            tally.errors[f"ws error {msg.get('code')}"] += 1
                            break
                await ws.send(json.dumps({"type": "end"}))
                while json.loads(await ws.recv())["type"] != "stats":
                    pass
        except websockets.ConnectionClosed as exc:
            code = exc.rcvd.code if exc.rcvd else "none"
            tally.errors[f"ws closed {code}"] += 1
            await asyncio.sleep(0.2)
        except (OSError, asyncio.TimeoutError, websockets.InvalidHandshake) as exc:
            tally.errors[f"ws {type(exc).__name__}"] += 1
            await asyncio.sleep(0.2)


async def guarded(coro: Coroutine[Any, Any, None], tally: Tally) -> None:
    """A client that fails unexpectedly is counted as an error, not lost."""
    try:
        await coro
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure is a figure of the run
        tally.errors[f"client crashed: {type(exc).__name__}"] += 1


def rss_kb(pid: int) -> tuple[int, int]:
    """(current RSS, peak RSS) of a process in KiB, from /proc."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0, 0
    values = {}
    for line in status.splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, value = line.split(":", 1)
            values[key] = int(value.split()[0])
    return values.get("VmRSS", 0), values.get("VmHWM", 0)


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, max_sessions: int) -> subprocess.Popen[bytes]:
    code = ("from rulecheck.server import serve; "
            f"serve(host='127.0.0.1', port={port}, max_sessions={max_sessions}, "
            "log_level='warning')")
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)


async def wait_ready(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(url + "/healthz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit(f"server at {url} did not become ready")


async def run(url: str, clients: int, duration: float, stream_share: float,
              pid: int | None) -> dict:
    lines, pieces = corpus()
    n_ws = round(clients * stream_share)
    n_http = clients - n_ws
    http_t, ws_t = Tally(), Tally()
    rss_samples: list[int] = []
    rss_before = rss_kb(pid)[0] if pid else 0
    cpu_before = cpu_seconds(pid) if pid else 0.0
    began = time.monotonic()
    client_cpu_before = time.process_time()
    deadline = began + duration

    async def sample() -> None:
        while time.monotonic() < deadline:
            if pid:
                rss_samples.append(rss_kb(pid)[0])
            await asyncio.sleep(0.5)

    # one connection per client (a shared pool of 150 connections is itself a bottleneck)
    async with contextlib.AsyncExitStack() as stack:
        pools = [await stack.enter_async_context(httpx.AsyncClient(timeout=30))
                 for _ in range(n_http)]
        tasks = [asyncio.create_task(guarded(http_client(url, deadline, lines, http_t, pools[i],
                                                         random.Random(i)), http_t))
                 for i in range(n_http)]
        tasks += [asyncio.create_task(guarded(ws_client(url, deadline, pieces, ws_t,
                                                        random.Random(10_000 + i)), ws_t))
                  for i in range(n_ws)]
        tasks.append(asyncio.create_task(sample()))
        # clients stop starting work at the deadline; whatever is in flight gets a grace period
        done, pending = await asyncio.wait(tasks, timeout=duration + 30)
        for t in pending:
            t.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        cancelled = len(pending)
    wall = time.monotonic() - began
    client_cpu = time.process_time() - client_cpu_before
    rss_after, rss_peak = rss_kb(pid) if pid else (0, 0)

    def part(t: Tally, unit: str) -> dict:
        return {"clients": n_http if unit == "request" else n_ws, "ok": t.ok,
                "errors": dict(t.errors), "error_count": sum(t.errors.values()),
                f"{unit}s_per_s": round(t.ok / wall, 1),
                "p50_ms": round(1000 * percentile(t.latencies, 50), 1),
                "p99_ms": round(1000 * percentile(t.latencies, 99), 1),
                "max_ms": round(1000 * max(t.latencies, default=0), 1),
                "check_p50_ms": round(percentile(t.server_ms, 50), 2),
                "check_p99_ms": round(percentile(t.server_ms, 99), 2),
                "findings": t.findings}

    return {
        "clients": clients, "duration_s": duration, "wall_s": round(wall, 1),
        "cancelled_clients": cancelled,
        # the load generator is one Python process: near wall_s here means it, not the
        # server, limited the rate
        "load_generator_cpu_s": round(client_cpu, 1),
        "http_check": part(http_t, "request"), "ws_stream": part(ws_t, "segment"),
        "server": {"pid": pid, "rss_mb_before": round(rss_before / 1024, 1),
                   "rss_mb_after": round(rss_after / 1024, 1),
                   "rss_mb_max_sampled": round(max(rss_samples, default=0) / 1024, 1),
                   "rss_mb_peak": round(rss_peak / 1024, 1),
                   "cpu_s": round(cpu_seconds(pid) - cpu_before, 1) if pid else None},
    }


def print_report(r: dict) -> None:
    print(f"clients {r['clients']} for {r['duration_s']} s (wall {r['wall_s']} s, "
          f"{r['cancelled_clients']} cancelled at the end; load generator CPU "
          f"{r['load_generator_cpu_s']} s)")
    for key, label, unit in (("http_check", "POST /v1/check", "req/s"),
                             ("ws_stream", "WS /v1/stream (per segment)", "seg/s")):
        p = r[key]
        rate = p.get("requests_per_s", p.get("segments_per_s"))
        print(f"  {label:<30} clients {p['clients']:>3}  ok {p['ok']:>6}  "
              f"{rate:>7} {unit}  p50 {p['p50_ms']:>7} ms  p99 {p['p99_ms']:>7} ms  "
              f"max {p['max_ms']:>7} ms  errors {p['error_count']} {p['errors'] or ''}")
        print(f"  {'':<30} time inside the check: p50 {p['check_p50_ms']} ms, "
              f"p99 {p['check_p99_ms']} ms")
    s = r["server"]
    if s["pid"]:
        print(f"  server RSS: before {s['rss_mb_before']} MB, after {s['rss_mb_after']} MB, "
              f"peak {s['rss_mb_peak']} MB; CPU {s['cpu_s']} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--stream-share", type=float, default=0.25,
                    help="share of the clients that are WebSocket streams")
    ap.add_argument("--url", help="an already running server on 127.0.0.1 (default: start one)")
    ap.add_argument("--max-sessions", type=int, default=100,
                    help="the started server's stream-session bound")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    if not 1 <= args.clients <= 1000:
        ap.error("--clients must be between 1 and 1000")
    if not 0 < args.duration <= HARD_LIMIT_S - 60:
        ap.error(f"--duration must be between 0 and {HARD_LIMIT_S - 60} seconds")
    proc = None
    if args.url:
        host = urlparse(args.url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            ap.error("--url must be a loopback address: this tool only loads the local machine")
        url = args.url.rstrip("/")
    else:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = start_server(port, args.max_sessions)
    try:
        asyncio.run(wait_ready(url))
        report = asyncio.run(asyncio.wait_for(
            run(url, args.clients, args.duration, args.stream_share,
                proc.pid if proc else None), HARD_LIMIT_S))
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)


if __name__ == "__main__":
    main()
