"""The body's ledgers as a workbook over the API: for those who answer for them, and only
their own body's."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from adapters import dossier, workbook
from tests.e2e.api.conftest import Api

PATH = "/api/exports/workbook"
TOTALS = ("All funds", "Rows shown by the filter")
OTHERS = ("Cleveland", "MOPAC", "Mayor", "West Mercia", "Croydon")


@pytest.fixture
def loaded(api: Api) -> Api:
    for name, document in dossier.shipped():
        dossier.import_dossier(api.runtime.app, document, name, "test")
    return api


def opened(api: Api, who: str, **query: Any) -> Workbook:
    response = api.get(who, PATH, **query)
    assert response.status_code == 200, response.json
    assert response.mimetype == workbook.MIMETYPE
    assert "workbook.xlsx" in response.headers["Content-Disposition"]
    return load_workbook(io.BytesIO(response.data))


def texts(book: Workbook, *leaving_out: str) -> set[str]:
    return {cell for sheet in book.worksheets if sheet.title not in leaving_out
            for row in sheet.iter_rows(values_only=True) for cell in row
            if isinstance(cell, str)}


def test_an_auditor_gets_only_their_bodys_figures(loaded: Api) -> None:
    book = opened(loaded, "aud")
    grants = [row for row in book["Grants"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert [(g[0], g[2]) for g in grants[:-1]] == [("Essex PCC", "SafeLives Drive pilot")]
    assert {row[0] for row in book["Budget monitor"].iter_rows(min_row=2, values_only=True)
            if row[0]} >= {"Essex PCC"}
    for sheet in book.worksheets[1:]:
        header = [c.value for c in sheet[1]]
        if "Body" in header:
            column = header.index("Body")
            assert {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)
                    if row[column]} <= {"Essex PCC", *TOTALS}, sheet.title
    seen = texts(book, "Programmes")
    for other in OTHERS:
        assert not any(other in text for text in seen), other
    assert {row[0] for row in book["Programmes"].iter_rows(min_row=2, values_only=True)
            if row[0] and not row[0].startswith("Rows shown")} == {"Drive"}


def test_treasurers_and_admins_too_at_a_past_point(loaded: Api) -> None:
    head = loaded.runtime.anchors.anchor("for the test")
    book = opened(loaded, "tess", as_at="2015-01-01", notice_on="2015-06-01")
    said = {row[0]: row[1] for row in book["Cover"].iter_rows(values_only=True) if row[0]}
    assert (said["Body"], said["Point in time"]) == ("Essex PCC", "as at 2015-01-01")
    assert said["Head of the chain"] == str(head)
    assert book["Grants"].cell(2, 1).value is None
    assert opened(loaded, "ada", body="essex pcc", as_known_at="2015-01-01T00:00:00Z")


def test_other_bodies_and_lower_roles_are_refused(loaded: Api) -> None:
    refused = loaded.get("aud", PATH, body="West Mercia PCC")
    assert refused.status_code == 403
    for who in ("greg", "fiona", "martin", "pcc", "wendy"):
        assert loaded.get(who, PATH).status_code == 403, who
    assert loaded.get(None, PATH).status_code == 401
    assert loaded.get("aud", PATH, as_at="2015-02-30").status_code == 422
