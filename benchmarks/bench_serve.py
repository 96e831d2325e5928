"""A bounded load test of `actionplan serve`: N extract requests of the V8 sample, C at a
time, against a server started here on 127.0.0.1, then the obvious alternative in the
same run: a fresh `actionplan extract` process per document, C at a time.

Checks that every answer is 200 with byte-identical JSON (the CLI's), and samples the
resident memory of the server's whole process tree (the server, its forkserver and reader
processes) as the requests go: it should stay flat. Exits non-zero when a check fails.
Loopback only; the request loop is bounded by --requests and --deadline.

    python benchmarks/bench_serve.py                     # 200 requests, 8 at a time
    python benchmarks/bench_serve.py --requests 50 --cli 8
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "cp-reduction-v8.docx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def post(port: int, body: bytes, ctype: str) -> tuple[int, bytes, float]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request("POST", "/api/extract", body, {"Content-Type": ctype})
        answer = conn.getresponse()
        return answer.status, answer.read(), time.perf_counter() - start
    finally:
        conn.close()


def tree_rss(root: int) -> tuple[int, int]:
    """Return (processes, resident bytes) of `root` and every descendant (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, ppid in parents.items() if ppid in tree} - tree
        tree |= more
        grew = bool(more)
    rss = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1]) * 1024
        except OSError:
            pass
    return len(tree), rss


def start_server(port: int, jobs: int) -> tuple[subprocess.Popen[bytes], float]:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "actionplan", "serve", "--port", str(port), "--jobs", str(jobs)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/health")
            if conn.getresponse().status == 200:
                return proc, time.perf_counter() - start
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("the server did not start") from None
            time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=2, help="the server's --jobs")
    parser.add_argument("--cli", type=int, default=24, help="documents for the CLI baseline")
    parser.add_argument("--deadline", type=float, default=1200, help="seconds, at most")
    args = parser.parse_args()

    data = SAMPLE.read_bytes()
    body, ctype = multipart(SAMPLE.name, data)
    expected = subprocess.run(
        [sys.executable, "-m", "actionplan", "extract", SAMPLE.name],
        cwd=SAMPLE.parent,
        capture_output=True,
        check=True,
    ).stdout
    port = free_port()
    proc, started = start_server(port, args.jobs)
    print(f"server answered /api/health {started:.2f} s after it was started")
    failures: list[str] = []
    try:
        for _ in range(args.concurrency):  # warm: every reader has read once
            post(port, body, ctype)
        procs0, rss0 = tree_rss(proc.pid)
        samples = [(0, rss0)]
        latencies: list[float] = []
        bodies: set[bytes] = set()
        statuses: dict[int, int] = {}
        t0 = time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as ex:
            futures = [ex.submit(post, port, body, ctype) for _ in range(args.requests)]
            for i, f in enumerate(futures, 1):
                status, text, seconds = f.result(
                    timeout=max(1.0, args.deadline - (time.perf_counter() - t0))
                )
                statuses[status] = statuses.get(status, 0) + 1
                bodies.add(text)
                latencies.append(seconds)
                if i % max(1, args.requests // 4) == 0:
                    samples.append((i, tree_rss(proc.pid)[1]))
        wall = time.perf_counter() - t0
        procs1, _ = tree_rss(proc.pid)
    finally:
        proc.terminate()
        proc.wait(30)

    if statuses != {200: args.requests}:
        failures.append(f"statuses {statuses}")
    if bodies != {expected}:
        failures.append(f"{len(bodies)} different answers; the CLI's JSON: {expected in bodies}")
    growth = (samples[-1][1] - samples[0][1]) / samples[0][1]
    if growth > 0.25:
        failures.append(f"memory grew {growth:+.0%}")

    cli_t0 = time.perf_counter()
    with ThreadPoolExecutor(args.concurrency) as ex:
        outs = list(
            ex.map(
                lambda _: (
                    subprocess.run(
                        [sys.executable, "-m", "actionplan", "extract", SAMPLE.name],
                        cwd=SAMPLE.parent,
                        capture_output=True,
                        check=False,
                    ).stdout
                ),
                range(args.cli),
            )
        )
    cli_wall = time.perf_counter() - cli_t0
    if set(outs) != {expected}:
        failures.append("the CLI baseline gave other output")

    q = statistics.quantiles(latencies, n=20)
    served = args.requests / wall
    by_cli = args.cli / cli_wall
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"{args.requests} requests, {args.concurrency} at a time, server --jobs {args.jobs}:")
    print(f"  statuses {statuses}; identical JSON (= the CLI's): {bodies == {expected}}")
    print(
        f"  {wall:.1f} s, {served:.2f} documents/s; "
        f"latency median {statistics.median(latencies):.2f} s, p95 {q[18]:.2f} s, "
        f"max {max(latencies):.2f} s"
    )
    print(f"  processes in the server's tree: {procs0} before, {procs1} after")
    print(
        "  resident memory of the tree: "
        + ", ".join(f"{n} done {rss / 2**20:.0f} MiB" for n, rss in samples)
        + f" ({growth:+.1%})"
    )
    print(
        f"a fresh `actionplan extract` per document, {args.cli} documents, "
        f"{args.concurrency} at a time:"
    )
    print(f"  {cli_wall:.1f} s, {by_cli:.2f} documents/s")
    print(f"server / CLI throughput: {served / by_cli:.1f}x")
    for f in failures:
        print(f"FAILED: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
