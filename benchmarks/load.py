"""An HTTP load from its own process: a number of clients, each sending one request at a time
(a new connection each, as the server's sync workers close them), for a while; the rates and
latencies as JSON on stdout.

Usage: python -m benchmarks.load BASE SECONDS CLIENTS PLAN.json
PLAN is a list of [method, path, headers, body-or-null]; clients take them in turn."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any
from urllib.parse import urlsplit


async def request(host: str, port: int, method: str, path: str, headers: dict[str, str],
                  body: str | None) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    data = (body or "").encode()
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close",
             f"Content-Length: {len(data)}", *(f"{k}: {v}" for k, v in headers.items())]
    if body is not None:
        lines.append("Content-Type: application/json")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + data)
    await writer.drain()
    answer = await reader.read()
    writer.close()
    return int(answer.split(b" ", 2)[1]) if answer else 0


async def client(base: str, until: float, plan: list[Any], start: int, step: int,
                 latencies: list[float], statuses: dict[int, int]) -> None:
    """Send the plan's requests from `start`, every `step`-th, so clients share no step."""
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    turn = start
    while time.perf_counter() < until:
        method, path, headers, body = plan[turn % len(plan)]
        turn += step
        began = time.perf_counter()
        status = await request(host, port, method, path, headers,
                               json.dumps(body) if body is not None else None)
        latencies.append(time.perf_counter() - began)
        statuses[status] = statuses.get(status, 0) + 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


async def load(base: str, seconds: float, clients: int, plan: list[Any]) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    began = time.perf_counter()
    until = began + seconds
    step = clients if len(plan) >= clients else 1
    await asyncio.gather(*(client(base, until, plan, i, step, latencies, statuses)
                           for i in range(clients)))
    elapsed = time.perf_counter() - began
    return {
        "requests": len(latencies),
        "per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def main() -> None:
    base, seconds, clients, plan = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    with open(plan, encoding="utf-8") as file:
        steps = json.load(file)
    print(json.dumps(asyncio.run(load(base, seconds, clients, steps))))


if __name__ == "__main__":
    main()
