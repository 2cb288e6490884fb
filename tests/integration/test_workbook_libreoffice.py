"""The workbook opened by LibreOffice, its formulas worked out afresh: the totals it gives are
the ledgers'."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from adapters import dossier, workbook
from adapters.system import System
from grantledger import bootstrap
from readmodel.points import Point

CACHED = re.compile(r"(</f>)<v>[^<]*</v>")
ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@pytest.fixture(scope="module")
def soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        reason = "LibreOffice (soffice) is not installed"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must check the workbook in LibreOffice, but {reason}")
        pytest.skip(f"{reason}; on Debian: apt-get install libreoffice-calc-nogui")
    return found


@pytest.fixture
def system(sqlite_url: str) -> Iterator[System]:
    built = bootstrap.build(sqlite_url)
    for name, document in dossier.shipped():
        dossier.import_dossier(built.app, document, name, "test")
    yield built
    built.close()


def without_results(source: Path, target: Path) -> None:
    """The workbook with the results of its formulas taken out: only working them out again
    can give them."""
    with zipfile.ZipFile(source) as given, zipfile.ZipFile(target, "w",
                                                           zipfile.ZIP_DEFLATED) as kept:
        for item in given.infolist():
            data = given.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = CACHED.sub(r"\1", data.decode()).encode()
            kept.writestr(item, data)


def recalculated(soffice: str, source: Path, folder: Path) -> Path:
    """Opened in LibreOffice set to recalculate on load, and saved again as xlsx."""
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(ALWAYS_RECALCULATE)
    out = folder / "out"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=180, check=False)
    converted = out / source.name
    assert done.returncode == 0 and converted.exists(), done.stdout + done.stderr
    return converted


def pence(value: Any) -> int:
    return int(round(Decimal(str(value)), 2) * 100)


def test_libreoffice_works_out_the_totals_the_ledgers_give(
        soffice: str, system: System, tmp_path: Path) -> None:
    today = system.today()
    made = tmp_path / "made.xlsx"
    workbook.write(system.ledgers, workbook.Asked("", Point(), today, today, datetime.now(UTC),
                                                  system.anchors.anchor()), str(made))
    bare = tmp_path / "books.xlsx"
    without_results(made, bare)
    budget_xml = zipfile.ZipFile(bare).read("xl/worksheets/sheet2.xml").decode()
    assert "<f>SUM(" in budget_xml and not CACHED.search(budget_xml)
    book = load_workbook(recalculated(soffice, bare, tmp_path), data_only=True)

    funds = system.ledgers.funds().rows
    budget = {(row[0], row[1]): row for row in book["Budget monitor"].iter_rows(
        min_row=len(funds) + 3, values_only=True)}
    for body, fund in {(f.body, f.fund) for f in funds}:
        mine = [f for f in funds if (f.body, f.fund) == (body, fund)]
        totals = budget[(body, fund)]
        assert pence(totals[4]) == sum(f.budget_pence or 0 for f in mine)
        assert pence(totals[5]) == sum(f.committed_pence for f in mine)
        assert pence(totals[6]) == sum(f.paid_pence for f in mine)
        assert pence(totals[8]) == sum(f.headroom_pence or 0 for f in mine)
    for label in ("All funds", "Rows shown by the filter"):
        totals = next(row for key, row in budget.items() if key[0] == label)
        assert pence(totals[4]) == sum(f.budget_pence or 0 for f in funds) == 229_135_00
        assert pence(totals[5]) == sum(f.committed_pence for f in funds) == 1_178_135_00

    grants = system.ledgers.grants().rows
    shown = next(book["Grants"].iter_rows(min_row=len(grants) + 3, values_only=True))
    assert shown[0] == "Rows shown by the filter"
    assert pence(shown[7]) == sum(g.awarded_pence for g in grants)
    assert pence(shown[8]) == sum(g.committed_pence for g in grants)
    assert pence(shown[11]) == sum(g.outstanding_pence for g in grants)
