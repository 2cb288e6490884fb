"""The real server: `grantledger serve` under gunicorn on a free loopback port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.drills.crash import free_port

GRANTLEDGER = Path(sys.executable).with_name("grantledger")


@pytest.fixture
def environment(sqlite_url: str) -> dict[str, str]:
    return {**os.environ, "GRANTLEDGER_DATABASE_URL": sqlite_url}


@pytest.fixture
def server(environment: dict[str, str]) -> Iterator[str]:
    address = f"127.0.0.1:{free_port()}"
    process = subprocess.Popen(
        [str(GRANTLEDGER), "serve", "--bind", address, "--workers", "2"],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://{address}"
    try:
        wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(100):
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            pytest.fail(f"grantledger serve exited: {output}")
        try:
            urllib.request.urlopen(f"{base}/api/public/decisions", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("grantledger serve did not answer within 10 seconds")


def request(method: str, url: str, token: str, body: Any = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    sent = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(sent, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def add_user(environment: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(GRANTLEDGER), "users", "add", *args], env=environment,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_a_command_and_a_query_over_http(server: str, environment: dict[str, str]) -> None:
    token = add_user(environment, "greg", "--role", "officer", "--body", "Essex PCC",
                     "--new-body")
    status, created = request("POST", f"{server}/api/decisions", token, {
        "reference": "PCC/0128/15", "title": "SafeLives Drive pilot", "on": "2015-11-20"})
    assert status == 201, created
    status, found = request("GET", f"{server}/api/decisions/{created['id']}", token)
    assert (status, found["reference"], found["drafted_by"]) == (200, "PCC/0128/15", "greg")
    status, problem = request("GET", f"{server}/api/decisions", "glt_wrong")
    assert (status, problem["title"]) == (401, "Unauthorized")


def test_a_token_is_printed_once_alone_on_the_last_line(environment: dict[str, str]) -> None:
    done = subprocess.run(
        [str(GRANTLEDGER), "users", "add", "tess", "--role", "treasurer", "--body", "Essex PCC",
         "--new-body"], env=environment, capture_output=True, text=True)
    assert done.returncode == 0
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("glt_") and " " not in last
    listed = subprocess.run([str(GRANTLEDGER), "users", "list"], env=environment,
                            capture_output=True, text=True).stdout
    assert "tess" in listed and last not in listed
    again = subprocess.run(
        [str(GRANTLEDGER), "users", "add", "tess", "--role", "treasurer", "--body", "Essex PCC"],
        env=environment, capture_output=True, text=True)
    assert again.returncode == 1 and "revoke it first" in again.stderr


@pytest.mark.parametrize("bind, says", [
    ("127.0.0.1:99999", "--bind must be HOST:PORT with a port from 1 to 65535"),
    ("nonsense", "--bind must be HOST:PORT"),
])
def test_an_address_that_cannot_be_listened_on_gets_one_line(
    environment: dict[str, str], bind: str, says: str,
) -> None:
    done = subprocess.run([str(GRANTLEDGER), "serve", "--bind", bind], env=environment,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert done.stdout == "" and done.stderr.strip().splitlines() == [
        done.stderr.strip()] and says in done.stderr


def test_a_port_in_use_is_named_and_nothing_is_announced(environment: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        done = subprocess.run([str(GRANTLEDGER), "serve", "--bind", address],
                              env=environment, capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert done.stderr.strip() == f"Error: Cannot listen on {address}: Address already in use"


def test_the_banner_comes_once_the_server_listens(environment: dict[str, str]) -> None:
    address = f"127.0.0.1:{free_port()}"
    process = subprocess.Popen(
        [str(GRANTLEDGER), "serve", "--bind", address, "--workers", "1"],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(f"http://{address}", process)  # type: ignore[arg-type]
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=20)
    banners = [line for line in errors.splitlines() if line.startswith("Grantledger API on")]
    assert banners == [f"Grantledger API on http://{address}/api — docs at "
                       f"http://{address}/api/docs"]


def test_an_unreachable_database_is_named_without_its_password() -> None:
    url = "postgresql://clerk:s3cret@127.0.0.1:1/ledgers"
    done = subprocess.run([str(GRANTLEDGER), "report"], capture_output=True, text=True,
                          env={**os.environ, "GRANTLEDGER_DATABASE_URL": url}, timeout=30)
    assert done.returncode == 1
    message = done.stderr.strip()
    assert message.startswith("Error: PostgreSQL database 'ledgers' on 127.0.0.1:1 as clerk "
                              "could not be opened: ")
    assert "refused" in message and "s3cret" not in message
    assert len(message.splitlines()) == 1
