"""Charts over HTTP: for staff, of their own body's records."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from adapters import dossier
from tests.e2e.api.conftest import Api, make_api

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def demo(sqlite_url: str) -> Iterator[Api]:
    api = make_api(sqlite_url)
    for name, document in dossier.shipped():
        dossier.import_dossier(api.runtime.app, document, name, "demo")
    api.add("mona", "officer", body="MOPAC")
    yield api
    api.runtime.close()


def test_a_fund_of_the_users_body_as_png_and_svg(demo: Api) -> None:
    png = demo.get("tess", "/api/charts/funding", of="fund", name="Community Safety Fund")
    assert png.status_code == 200 and png.mimetype == "image/png"
    assert png.data.startswith(PNG)
    svg = demo.get("greg", "/api/charts/funding", of="body", name="Essex PCC", format="svg",
                   as_at="2016-12-31")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    assert b">2016-17</text>" in svg.data


def test_programmes_are_shared_and_exposure_is_the_users_bodys(demo: Api) -> None:
    drive = demo.get("mona", "/api/charts/funding", of="programme", name="Drive")
    assert drive.status_code == 200 and drive.data.startswith(PNG)
    exposure = demo.get("mona", "/api/charts/exposure", notice_on="2020-06-01", format="svg")
    assert exposure.status_code == 200 and b"Rise Mutual" in exposure.data
    assert b"SafeLives Drive pilot" not in exposure.data


def test_no_token_no_chart(demo: Api) -> None:
    refused = demo.get(None, "/api/charts/funding", of="programme", name="Drive")
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"


def test_another_bodys_records_are_not_charted(demo: Api) -> None:
    fund = demo.get("mona", "/api/charts/funding", of="fund", name="Community Safety Fund")
    assert fund.status_code == 404 and "No fund named" in fund.json["detail"]
    body = demo.get("mona", "/api/charts/funding", of="body", name="Essex PCC")
    assert body.status_code == 403


def test_bad_input_is_a_problem_document(demo: Api) -> None:
    unknown = demo.get("tess", "/api/charts/funding", of="programme", name="Nope")
    assert unknown.status_code == 404 and unknown.mimetype == "application/problem+json"
    for query in ({"of": "grant", "name": "x"}, {"name": "Drive"},
                  {"of": "fund", "name": "Community Safety Fund", "format": "pdf"},
                  {"of": "body", "name": "Essex PCC", "programme": "Drive"}):
        refused = demo.get("tess", "/api/charts/funding", **query)
        assert refused.status_code == 422, query
        assert refused.mimetype == "application/problem+json"


def test_a_body_with_no_records_yet_gets_an_empty_chart(api: Api) -> None:
    exposure = api.get("tess", "/api/charts/exposure", format="svg")
    assert exposure.status_code == 200 and b">Nothing to chart</text>" in exposure.data
    funding = api.get("tess", "/api/charts/funding", of="body", name="essex pcc")
    assert funding.status_code == 200 and funding.data.startswith(PNG)
