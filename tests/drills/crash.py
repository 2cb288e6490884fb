"""A server killed mid-request: each round sends a payment with its own Idempotency-Key to
`grantledger serve`, kills the server and its workers with SIGKILL a few milliseconds later,
starts it again and retries the same key until it is answered. Afterwards no key may be left
unanswered and the grant must hold exactly one payment per key.

    python -m tests.drills.crash --store sqlite|postgres [--rounds 200]

prints the figures; the suite runs a few rounds on each store (tests/integration)."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from grantledger.bootstrap import build
from tests.e2e.api.conftest import approved_grant, make_api
from tests.stores import fresh_store

GRANTLEDGER = Path(sys.executable).with_name("grantledger")
PAYMENT = {"on": "2016-04-05", "amount": "1.00", "reference": "BACS"}
LEASE_SECONDS = "0.5"


@dataclass(frozen=True)
class Figures:
    rounds: int
    cut_short: int
    """Rounds whose request got no answer before the kill."""
    recorded_before_the_kill: int
    """Rounds cut short whose payment had been recorded: the retry was answered from it."""
    stuck_keys: int
    payments: int
    """Payments the grant holds beside the one measured: one per round, or some were lost
    or doubled."""


def drill(url: str, rounds: int, seed: int = 0) -> Figures:
    """Kills land between half and all of the time a payment takes to be answered, measured
    first, so that some fall after the commit and before the answer."""
    pick = random.Random(seed)
    api = make_api(url)
    grant_id, token = approved_grant(api), api.tokens["tess"]
    api.runtime.close()
    path = f"/api/grants/{grant_id}/payments"
    with server(url) as (base, _):
        started = time.perf_counter()
        retry_until_answered(base, path, token, "drill-measure")
        took = time.perf_counter() - started
    cut_short = recorded = 0
    for round_ in range(rounds):
        key = f"drill-{round_}"
        with server(url) as (base, process):
            answered = send_then_kill(base, path, token, key, process,
                                      pick.uniform(0.5, 1.0) * took)
        with server(url) as (base, _):
            replayed = retry_until_answered(base, path, token, key)
        cut_short += not answered
        recorded += replayed and not answered
    with server(url) as (base, _):
        status, grant, _ = request(f"{base}/api/grants/{grant_id}", token)
    assert status == 200, grant
    system = build(url)
    stuck = len(system.keys.unanswered())
    system.close()
    return Figures(rounds, cut_short, recorded, stuck,
                   int(Decimal(grant["paid"]) / Decimal(PAYMENT["amount"])) - 1)


def send_then_kill(base: str, path: str, token: str, key: str,
                   process: subprocess.Popen[bytes], delay: float) -> bool:
    answers: list[int] = []
    sender = threading.Thread(target=lambda: answers.append(
        request(base + path, token, PAYMENT, key)[0]), daemon=True)
    sender.start()
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    sender.join(timeout=15)
    return bool(answers) and answers[0] != 0


def retry_until_answered(base: str, path: str, token: str, key: str) -> bool:
    """Whether the answer was the first outcome's, replayed."""
    for _ in range(100):
        status, answer, headers = request(base + path, token, PAYMENT, key)
        if status != 409:
            assert status == 200, answer
            return headers.get("Idempotent-Replayed") == "true"
        time.sleep(float(LEASE_SECONDS))
    raise AssertionError(f"{key} was never answered")


@contextmanager
def server(url: str, workers: int = 2) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    address = f"127.0.0.1:{free_port()}"
    environment = {**os.environ, "GRANTLEDGER_DATABASE_URL": url,
                   "GRANTLEDGER_IDEMPOTENCY_LEASE": LEASE_SECONDS}
    process = subprocess.Popen(
        [str(GRANTLEDGER), "serve", "--bind", address, "--workers", str(workers)],
        env=environment,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_until_up(f"http://{address}", process)
        yield f"http://{address}", process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise AssertionError(f"grantledger serve exited with {process.returncode}")
        try:
            urllib.request.urlopen(f"{base}/api/public/decisions", timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("grantledger serve did not answer within 15 seconds")


def request(url: str, token: str, body: Any = None, key: str = ""
            ) -> tuple[int, Any, dict[str, str]]:
    """The status, answer and headers; status 0 if the connection was cut first."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    data = json.dumps(body).encode() if body is not None else None
    sent = urllib.request.Request(url, data=data, method="POST" if data else "GET",
                                  headers=headers)
    try:
        with urllib.request.urlopen(sent, timeout=10) as answer:
            return answer.status, json.loads(answer.read()), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), dict(error.headers)
    except (OSError, ValueError, http.client.HTTPException):
        return 0, None, {}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    with fresh_store(options.store) as url:
        figures = drill(url, options.rounds, options.seed)
    print(json.dumps(figures.__dict__))
    sys.exit(0 if figures.stuck_keys == 0 and figures.payments == figures.rounds else 1)


if __name__ == "__main__":
    main()
