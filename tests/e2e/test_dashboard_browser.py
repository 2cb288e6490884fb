"""The dashboard in a real browser: headless Chromium (Debian's chromium and chromium-driver)
signs in, opens the budget monitor, a grant and the audit trail as at a past date, and finds
the figures the ledgers give. Screenshots are kept in test-artifacts/."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from adapters import dossier
from adapters.users import Role
from domain.money import Money
from grantledger.bootstrap import build
from readmodel.ledgers import ListQuery
from webapp.app import create_app

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TODAY = date(2026, 1, 1)


def browser_missing() -> str | None:
    if CHROMIUM and DRIVER:
        return None
    reason = "Chromium and its driver are not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the browser test, but {reason}")
    return reason


@pytest.fixture
def served(sqlite_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    from werkzeug.serving import make_server

    system = build(sqlite_url, today=lambda: TODAY)
    for name, document in dossier.shipped():
        dossier.import_dossier(system.app, document, name, "demo")
    token = system.users.add("tess", [Role.TREASURER], "Essex PCC")
    system.close()
    server = make_server("127.0.0.1", 0, create_app({"DATABASE_URL": sqlite_url,
                                                     "TODAY": lambda: TODAY}), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", token
    server.shutdown()


@pytest.fixture
def browser() -> Iterator[object]:
    reason = browser_missing()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(DRIVER or ""), options=options)
    yield driver
    driver.quit()


def snapshot(driver: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"dashboard-{name}.png"))  # type: ignore[attr-defined]


def test_a_treasurer_reads_the_books_in_a_browser(served: tuple[str, str], browser: object,
                                                  sqlite_url: str) -> None:
    from selenium.webdriver.common.by import By

    base, token = served
    driver: object = browser
    find = driver.find_element  # type: ignore[attr-defined]
    driver.get(f"{base}/grants")  # type: ignore[attr-defined]
    find(By.ID, "token").send_keys(token)
    find(By.ID, "sign-in").click()
    assert "/grants" in driver.current_url  # type: ignore[attr-defined]

    driver.get(f"{base}/")  # type: ignore[attr-defined]
    budget = find(By.TAG_NAME, "main").text
    assert driver.execute_script(  # type: ignore[attr-defined]
        "const chart = document.querySelector('img.chart');"
        "return chart.complete && chart.naturalWidth > 0")
    snapshot(driver, "budget")
    system = build(sqlite_url, today=lambda: TODAY)
    try:
        funds = system.ledgers.funds(ListQuery(tenant="Essex PCC")).rows
        drive = system.ledgers.grants(ListQuery(tenant="Essex PCC")).rows[0]
    finally:
        system.close()
    for row in funds:
        assert f"{row.year} {Money(row.committed_pence)}" in budget.replace("\n", " ")

    driver.get(f"{base}/grants")  # type: ignore[attr-defined]
    find(By.LINK_TEXT, drive.title).click()
    assert find(By.ID, "awarded").text == str(Money(drive.awarded_pence))
    assert find(By.ID, "committed").text == str(Money(drive.committed_pence))
    assert "Proposed" in find(By.ID, "history").text
    snapshot(driver, "grant")

    driver.get(f"{base}/audit")  # type: ignore[attr-defined]
    driver.execute_script(  # type: ignore[attr-defined]
        "document.getElementById('as_at').value = '2015-11-23'")
    find(By.ID, "show-point").click()
    assert find(By.ID, "books").text == "The books as at 23 November 2015"
    trail = find(By.ID, "trail").text
    assert "Drafted" in trail and "Tranche paid" not in trail
    snapshot(driver, "audit-as-at")
