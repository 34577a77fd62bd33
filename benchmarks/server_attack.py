"""/healthz latency while the server is attacked; loopback only, bounded in time.

Starts `rulecheck serve` in a child process on a free 127.0.0.1 port and probes
GET /healthz every 50 ms from a thread of its own while, phase by phase:

  baseline     nothing else
  slow         connections that declare a 100 KB body and send it at 1 byte/s
  oversize     clients sending 5 MB bodies, declared and chunked, without pause
  adversarial  clients posting texts that are slow to check (dense claims, 900 KB)
  all          the three together
  stream       WebSocket sessions feeding dense segments (20,000 characters each)

For each phase: the probe's p50/p99/max latency and the share over 100 ms, what
the attackers got back (status counts), the server process's peak RSS and the
peak RSS of all its processes (the check workers included).

Each isolation mode named by --isolation gets a server of its own, one after the
other in the same run (default: process, then thread, for comparison).

    python benchmarks/server_attack.py                  # 20 s a phase, both modes
    python benchmarks/server_attack.py --isolation process --duration 5 --json
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from _harness import machine, source_state  # noqa: E402  (benchmarks/ is on the path)

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid: int) -> tuple[int, int]:
    """RSS of ``pid`` and all its descendants (the check workers, the fork server), and
    the largest single descendant."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total, largest, todo = rss_kb(pid), 0, list(children.get(pid, []))
    while todo:
        child = todo.pop()
        kb = rss_kb(child)
        total += kb
        largest = max(largest, kb)
        todo += children.get(child, [])
    return total, largest


def _probe_loop(port: int, stop: Any, conn: Any) -> None:
    """GET /healthz every 50 ms on a fresh connection; (time, ms, ok) for each."""
    out: list[tuple[float, float, bool]] = []
    while not stop.is_set():
        began = time.perf_counter()
        try:
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            con.request("GET", "/healthz")
            ok = con.getresponse().status == 200
            con.close()
        except OSError:
            ok = False
        ms = (time.perf_counter() - began) * 1000
        out.append((time.time(), ms, ok))
        stop.wait(max(0.0, 0.05 - ms / 1000))
    conn.send(out)


class Probe:
    """The probe runs in a process of its own, so the attackers' work in this process
    cannot delay it; phases are matched to its samples by wall-clock windows."""

    def __init__(self, port: int):
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self.stop = ctx.Event()
        self._recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_probe_loop, args=(port, self.stop, send), daemon=True)
        self.windows: dict[str, tuple[float, float]] = {}
        self.samples: dict[str, list[float]] = {}
        self.failures: Counter[str] = Counter()

    def start(self) -> None:
        self._proc.start()

    def finish(self) -> None:
        self.stop.set()
        data = self._recv.recv() if self._proc.is_alive() or self._recv.poll(5) else []
        self._proc.join(10)
        for t, ms, ok in data:
            for name, (a, b) in self.windows.items():
                if a <= t <= b:
                    if ok:
                        self.samples.setdefault(name, []).append(ms)
                    else:
                        self.failures[name] += 1


async def _status(reader: asyncio.StreamReader, timeout: float) -> str:
    try:
        line = await asyncio.wait_for(reader.readline(), timeout)
    except (asyncio.TimeoutError, OSError):
        return "no answer"
    parts = line.split()
    return parts[1].decode() if len(parts) > 1 else "closed"


async def slow_body(port: int, until: float, tally: Counter[str]) -> None:
    """Declare 100 KB, send one byte a second until the server gives up on us."""
    while time.monotonic() < until:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"POST /v1/check HTTP/1.1\r\nHost: localhost\r\n"
                         b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
            await writer.drain()
            while time.monotonic() < until and not reader.at_eof():
                try:
                    line = await asyncio.wait_for(reader.readline(), 1.0)
                except asyncio.TimeoutError:
                    writer.write(b" ")
                    await writer.drain()
                    continue
                parts = line.split()
                tally[parts[1].decode() if len(parts) > 1 else "closed"] += 1
                break
            writer.close()
        except OSError:
            tally["refused"] += 1
            await asyncio.sleep(0.5)


async def oversize(port: int, until: float, tally: Counter[str], chunked: bool) -> None:
    chunk = b"x" * 65536
    while time.monotonic() < until:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            head = (b"POST /v1/check HTTP/1.1\r\nHost: localhost\r\n"
                    b"Content-Type: application/json\r\n")
            if chunked:
                writer.write(head + b"Transfer-Encoding: chunked\r\n\r\n")
                sent = 0
                while sent < 5_000_000 and not reader.at_eof():
                    writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    await writer.drain()
                    sent += len(chunk)
                    if reader._buffer:  # type: ignore[attr-defined] - the answer came early
                        break
                writer.write(b"0\r\n\r\n")
            else:
                writer.write(head + b"Content-Length: 5000000\r\n\r\n" + chunk)
            await writer.drain()
            tally[await _status(reader, 10)] += 1
            writer.close()
        except OSError:
            tally["reset"] += 1
            await asyncio.sleep(0.05)


async def adversarial(port: int, until: float, tally: Counter[str], i: int) -> None:
    import httpx

    texts = ["最好" * 2000, ("全网最低价，原价999今天只要99，" * 30000)[:300_000],
             "。" * 300_000, ("最好" + "啊" * 50) * 8000]
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as c:
        n = i
        while time.monotonic() < until:
            text = texts[n % len(texts)]
            n += 1
            try:
                r = await c.post("/v1/check", json={"text": text})
                tally[str(r.status_code)] += 1
            except httpx.HTTPError as exc:
                tally[type(exc).__name__] += 1


async def stream(port: int, until: float, tally: Counter[str], i: int) -> None:
    """A WebSocket session feeding dense segments, one after the other."""
    import websockets

    segment = ("全网最低价，原价999今天只要99，" * 1300)[i * 7:i * 7 + 20_000]
    while time.monotonic() < until:
        try:
            async with websockets.connect(f"ws://127.0.0.1:{port}/v1/stream?lang=zh",
                                          max_size=None, open_timeout=10) as ws:
                while time.monotonic() < until:
                    await ws.send(json.dumps({"text": segment}, ensure_ascii=False))
                    while True:
                        msg = json.loads(await asyncio.wait_for(ws.recv(), 60))
                        if msg["type"] == "ack":
                            tally["ws ack"] += 1
                            break
                        if msg["type"] == "error":
                            tally[f"ws error {msg.get('code')}"] += 1
                            break
                    if msg["type"] == "error":
                        break
        except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as exc:
            tally[f"ws {type(exc).__name__}"] += 1
            await asyncio.sleep(0.2)


async def phase(name: str, port: int, seconds: float, probe: Probe, pid: int,
                slow: int, big: int, adv: int, ws: int = 0) -> dict[str, Any]:
    tally: Counter[str] = Counter()
    until = time.monotonic() + seconds
    began = time.time()
    peak = peak_tree = peak_worker = 0

    async def watch_rss() -> None:
        nonlocal peak, peak_tree, peak_worker
        while time.monotonic() < until:
            peak = max(peak, rss_kb(pid))
            tree, worker = tree_rss_kb(pid)
            peak_tree, peak_worker = max(peak_tree, tree), max(peak_worker, worker)
            await asyncio.sleep(0.5)

    tasks = [watch_rss()]
    tasks += [slow_body(port, until, tally) for _ in range(slow)]
    tasks += [oversize(port, until, tally, chunked=bool(i % 2)) for i in range(big)]
    tasks += [adversarial(port, until, tally, i) for i in range(adv)]
    tasks += [stream(port, until, tally, i) for i in range(ws)]
    await asyncio.gather(*tasks)
    probe.windows[name] = (began, time.time())
    await asyncio.sleep(1.0)
    return {"phase": name, "attack_answers": dict(tally),
            "server_peak_rss_mib": round(peak / 1024),
            "all_processes_peak_rss_mib": round(peak_tree / 1024),
            "largest_worker_peak_rss_mib": round(peak_worker / 1024)}


def latency(row: dict[str, Any], probe: Probe) -> dict[str, Any]:
    name = row["phase"]
    ms = probe.samples.get(name, [])
    ms_sorted = sorted(ms)

    def pct(p: float) -> float:
        return round(ms_sorted[min(len(ms_sorted) - 1, int(p * len(ms_sorted)))], 1) \
            if ms_sorted else float("nan")

    return {"phase": name, "probes": len(ms), "probe_failures": probe.failures[name],
            "p50_ms": pct(0.5), "p99_ms": pct(0.99), "max_ms": round(max(ms), 1) if ms else None,
            "mean_ms": round(statistics.mean(ms), 1) if ms else None,
            "over_100ms": sum(1 for x in ms if x > TARGET_MS), **row}



async def main_async(args: argparse.Namespace, isolation: str) -> dict[str, Any]:
    port = free_port()
    code = ("from rulecheck.server import serve; "
            f"serve(host='127.0.0.1', port={port}, log_level='critical', "
            f"request_timeout_s={args.request_timeout}, body_timeout_s={args.body_timeout}, "
            f"workers={args.workers}, isolation={isolation!r})")
    began = time.monotonic()
    server = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    probe = Probe(port)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                con = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                con.request("GET", "/healthz")
                if con.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.3)
        started_s = time.monotonic() - began
        idle_tree, idle_worker = tree_rss_kb(server.pid)
        idle = {"server_rss_mib": round(rss_kb(server.pid) / 1024),
                "all_processes_rss_mib": round(idle_tree / 1024),
                "largest_worker_rss_mib": round(idle_worker / 1024)}
        probe.start()
        d = args.duration
        out = [await phase("baseline", port, d, probe, server.pid, 0, 0, 0),
               await phase("slow", port, d, probe, server.pid, args.slow, 0, 0),
               await phase("oversize", port, d, probe, server.pid, 0, args.big, 0),
               await phase("adversarial", port, d, probe, server.pid, 0, 0, args.adv),
               await phase("all", port, d, probe, server.pid, args.slow, args.big, args.adv)]
        if args.ws:
            out.append(await phase("stream", port, d, probe, server.pid, 0, 0, 0, args.ws))
        probe.finish()
        return {"isolation": isolation, "workers": args.workers,
                "start_s": round(started_s, 1), "idle": idle,
                "phases": [latency(row, probe) for row in out]}
    finally:
        probe.stop.set()
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=float, default=20.0, help="seconds per phase")
    ap.add_argument("--slow", type=int, default=50, help="slow-body connections")
    ap.add_argument("--big", type=int, default=8, help="oversize-body clients")
    ap.add_argument("--adv", type=int, default=4, help="adversarial-text clients")
    ap.add_argument("--ws", type=int, default=4,
                    help="WebSocket sessions of the stream phase (0: no stream phase)")
    ap.add_argument("--request-timeout", type=float, default=10.0)
    ap.add_argument("--body-timeout", type=float, default=10.0)
    ap.add_argument("--workers", type=int, default=4,
                    help="the server's check workers (processes or threads)")
    ap.add_argument("--isolation", default="process,thread",
                    help="comma-separated modes to measure, one server each: process, thread")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    modes = [m.strip() for m in args.isolation.split(",") if m.strip()]
    if not modes or any(m not in ("process", "thread") for m in modes):
        ap.error("--isolation takes process, thread or both (comma-separated)")
    record = {"machine": machine(), "source": source_state(),
              "load_average_before": os.getloadavg(), "runs": []}
    for mode in modes:
        record["runs"].append(asyncio.run(main_async(args, mode)))
    record["load_average_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    print(f"machine: {record['machine']}; {record['source']}; target: /healthz within "
          f"{TARGET_MS:g} ms; load average before {record['load_average_before']}, "
          f"after {record['load_average_after']}")
    for run in record["runs"]:
        print(f"== isolation {run['isolation']}, {run['workers']} workers: started in "
              f"{run['start_s']} s; idle RSS {run['idle']}")
        for r in run["phases"]:
            print(f"{r['phase']:<12} probes {r['probes']:>4}  p50 {r['p50_ms']:>7} ms  "
                  f"p99 {r['p99_ms']:>7} ms  max {r['max_ms']} ms  >100ms {r['over_100ms']}  "
                  f"failed {r['probe_failures']}  rss {r['server_peak_rss_mib']} MiB "
                  f"(all {r['all_processes_peak_rss_mib']} MiB, worker "
                  f"{r['largest_worker_peak_rss_mib']} MiB)  attack got {r['attack_answers']}")


if __name__ == "__main__":
    main()
