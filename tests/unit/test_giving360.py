"""A grant awarded as 360Giving gives it, and the checks that keep a bad one out."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from adapters.giving360 import export, package, spreadsheet, validation
from adapters.giving360.identifiers import Identifiers, listed, slug
from adapters.settings import SettingsError
from readmodel.publication import AwardedGrant

ISSUED = date(2017, 1, 15)
SAFELIVES = AwardedGrant(
    grant_id="79d32ce3-6724-446c-b681-a1fedbf51a1a", body="Essex PCC", decision_id="d",
    decision_reference="PCC/0128/15", decision_title="Drive", area="Colchester & Tendring",
    decision_published=True,
    title="SafeLives Drive pilot", recipient="SafeLives", partners="", programme="Drive",
    fund="Community Safety Fund", status="approved",
    purpose="Piloting the Drive perpetrator programme in Colchester & Tendring",
    conditions="", crime_reduction_reasons="", regrants=False, up_to=False,
    period_start=date(2016, 4, 1), period_end=date(2019, 3, 31), approved_on=date(2015, 11, 23),
    published=True, published_on=date(2015, 11, 30),
    published_url="https://www.essex.pfcc.police.uk/decisions/pcc-0128-15",
    awarded_pence=76_500_000, paid_pence=1_234_501, repaid_pence=1, last_dated=date(2016, 5, 1),
    funders=(("OPCC", 58_500_000, False), ("Partners", 18_000_000, False),
             ("Home Office", 100_000, True)))
IDS = Identifiers.load()
CHOSEN = export.Settings(IDS)


def grant(**changes: object) -> dict[str, object]:
    return package.grant(replace(SAFELIVES, **changes), IDS)  # type: ignore[arg-type]


def test_a_grant_is_given_every_fact_known_in_the_standards_terms() -> None:
    given = grant()
    assert given["id"] == "360G-essexpcc-79d32ce3-6724-446c-b681-a1fedbf51a1a"
    assert (given["amountAwarded"], given["amountDisbursed"]) == (
        Decimal("765000.00"), Decimal("12345.00"))
    assert (given["currency"], given["awardDate"]) == ("GBP", "2015-11-23")
    assert given["plannedDates"] == [
        {"startDate": "2016-04-01", "endDate": "2019-03-31", "duration": 36}]
    assert given["recipientOrganization"] == [{"id": "GB-CHC-1106864", "name": "SafeLives"}]
    assert given["grantProgramme"] == [{"title": "Drive"}]
    assert given["dateModified"] == "2016-05-01T00:00:00Z"
    assert given["url"] == SAFELIVES.published_url
    assert given["beneficiaryLocation"] == [{"name": "Colchester & Tendring", "countryCode": "GB"}]
    assert "regrantType" not in given
    assert validation.schema_problems(given) == []
    assert validation.quality_problems(given, ISSUED) == []


def test_the_body_funds_first_its_own_office_being_the_body_then_each_co_funder() -> None:
    assert grant()["fundingOrganization"] == [
        {"id": "360G-essexpcc-essex-pcc", "name": "Essex PCC"},
        {"id": "360G-essexpcc-partners", "name": "Partners"},
        {"id": "360G-essexpcc-home-office", "name": "Home Office"},
    ]


def test_what_is_not_known_is_left_out_rather_than_given_empty() -> None:
    given = grant(period_start=None, period_end=None, programme="", published=False,
                  last_dated=None, area="")
    assert "plannedDates" not in given and "url" not in given
    assert "beneficiaryLocation" not in given
    assert given["grantProgramme"] == [{"title": "Community Safety Fund"}]
    assert given["dateModified"] == "2015-11-23T00:00:00Z"
    assert grant(period_end=None)["plannedDates"] == [{"startDate": "2016-04-01"}]


def test_a_grant_for_regranting_is_of_the_codelists_common_regrant() -> None:
    given = grant(regrants=True)
    assert given["regrantType"] == "FRG010"
    assert validation.quality_problems(given, ISSUED) == []
    assert validation.quality_problems({**given, "regrantType": "FRG999"}, ISSUED) == [
        "its regrant type FRG999 is not in the Regrant Type codelist"]


@pytest.mark.parametrize(("start", "end", "months"), [
    (date(2022, 4, 1), date(2023, 3, 31), 12), (date(2016, 4, 15), date(2016, 5, 20), 2),
    (date(2016, 4, 15), date(2016, 4, 20), 1), (date(2016, 4, 15), date(2016, 5, 10), 1)])
def test_a_duration_counts_a_month_begun_as_whole(start: date, end: date, months: int) -> None:
    assert package.months(start, end) == months


def test_amounts_are_written_as_numbers_with_two_decimals() -> None:
    text = package.dumps({"grants": [grant()]})
    assert '"amountAwarded": 765000.00' in text and '"amountDisbursed": 12345.00' in text
    assert json.loads(text, parse_float=Decimal)["grants"][0]["amountAwarded"] == Decimal(
        "765000.00")


@pytest.mark.parametrize(("changes", "reason"), [
    ({"awarded_pence": 0}, "the amount awarded is £0.00: it must be more than nothing"),
    ({"paid_pence": 0, "repaid_pence": 100}, "the amount disbursed is £-1.00"),
    ({"approved_on": date(2017, 2, 1)},
     "its award date 2017-02-01 is after the data's date 2017-01-15"),
    ({"approved_on": None}, "its award date is not stated"),
    ({"programme": "", "fund": ""}, "it names no grant programme or fund"),
    ({"purpose": "  "}, "its purpose, which describes it, is not stated"),
    ({"purpose": "<p>Piloting Drive</p>"}, "its description is not plain text: it holds HTML"),
    ({"title": "Drive &amp; more"}, "its title is not plain text: it holds HTML"),
    ({"purpose": "Ask jo.bloggs@example.org"}, "looks like an email address"),
    ({"purpose": "Ring 01245 291600 first"}, "looks like a UK phone number"),
    ({"purpose": "Ring +44 7700 900123 first"}, "looks like a UK phone number"),
    ({"purpose": "Mrs Smith of CM1 1AA"}, "looks like a postcode"),
])
def test_a_grant_of_poor_quality_is_named_with_why(changes: dict[str, object],
                                                   reason: str) -> None:
    problems = validation.quality_problems(grant(**changes), ISSUED)
    assert any(reason in problem for problem in problems), problems


def test_an_identifier_must_be_from_an_org_id_list_or_under_a_360giving_prefix() -> None:
    assert listed("GB-CHC-1106864") and listed("GB-LAE-CRY") and listed("360G-essexpcc-x")
    assert not listed("GB-XYZ-1") and not listed("GB-CHC-") and not listed("SafeLives")
    given = grant()
    given["recipientOrganization"] = [{"id": "GB-XYZ-1", "name": "SafeLives"}]
    assert validation.quality_problems(given, ISSUED) == [
        "SafeLives's identifier GB-XYZ-1 is under no 360Giving prefix and from no org-id list"]


def test_the_schema_is_the_standards_own_dates_checked_for_their_format() -> None:
    assert validation.schema_problems({**grant(), "awardDate": "2015-13-01"})
    assert validation.schema_problems({**grant(), "dateModified": "2015-11-23"})
    assert validation.schema_problems({**grant(), "currency": "POUNDS"})
    missing = {k: v for k, v in grant().items() if k != "recipientOrganization"}
    assert validation.schema_problems(missing)


def test_identifiers_and_prefixes_come_from_the_file_over_the_shipped_ones(
        tmp_path: Path) -> None:
    path = tmp_path / "ids.json"
    path.write_text(json.dumps({"prefixes": {"essex pcc": "essex-pfcc"},
                                "organisations": {"Partners": "GB-COH-01234567"}}))
    ids = Identifiers.load(path)
    assert ids.grant("Essex PCC", "g") == "360G-essex-pfcc-g"
    assert ids.organisation("Essex PCC", "partners") == "GB-COH-01234567"
    assert ids.organisation("Essex PCC", "SafeLives") == "GB-CHC-1106864"
    assert Identifiers.load(path, prefix="epcc").grant("Essex PCC", "g") == "360G-epcc-g"
    assert slug("My Sister\u2019s Place") == "my-sisters-place"


@pytest.mark.parametrize("document", [
    '{"organisations": {"SafeLives": "CHC-1106864"}}', '{"prefixes": {"Essex PCC": "a/b"}}',
    '{"organisations": ["SafeLives"]}', "not json"])
def test_a_bad_identifiers_file_is_refused_as_a_setting(tmp_path: Path, document: str) -> None:
    path = tmp_path / "ids.json"
    path.write_text(document)
    with pytest.raises(SettingsError):
        Identifiers.load(path)


def test_the_settings_are_read_from_the_environment(tmp_path: Path) -> None:
    chosen = export.settings({"GRANTLEDGER_360G_PREFIX": "epcc",
                              "GRANTLEDGER_360G_LICENSE": "https://creativecommons.org/licenses/by/4.0/"})
    assert chosen.identifiers.prefix == "epcc"
    assert chosen.license.endswith("by/4.0/")
    assert export.settings({}).license == package.OGL


def test_the_export_leaves_out_a_bad_grant_naming_it_and_gives_a_valid_package() -> None:
    bad = replace(SAFELIVES, grant_id="b", title="Future grant", approved_on=date(2018, 1, 1))
    made = export.export([SAFELIVES, bad], CHOSEN, ISSUED, export.Asked(body="Essex PCC"))
    assert [g["title"] for g in made.package["grants"]] == ["SafeLives Drive pilot"]
    assert made.package["publisher"] == {"identifier": "360G-essexpcc-essex-pcc",
                                         "name": "Essex PCC"}
    assert (made.package["version"], made.package["issued"]) == ("1.4", "2017-01-15")
    assert validation.package_problems(made.package) == []
    [excluded] = made.excluded
    assert str(excluded) == ("Essex PCC: grant 'Future grant' (b) left out: its award date "
                             "2018-01-01 is after the data's date 2017-01-15")


def test_an_export_of_nothing_is_refused() -> None:
    with pytest.raises(export.NothingToExportError, match="on the register awarded by MOPAC"):
        export.export([], CHOSEN, ISSUED, export.Asked(body="MOPAC"))


def test_the_spreadsheet_has_a_row_a_grant_under_the_standards_titles() -> None:
    document = {"grants": [grant(), grant(grant_id="2", funders=())]}
    headings, rows = spreadsheet.table(document)
    assert headings[:8] == ["Identifier", "Title", "Description", "Currency", "Amount Awarded",
                            "Amount Disbursed", "Award Date", "URL"]
    for title in ("Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:0:Identifier",
                  "Funding Org:2:Name", "Grant Programme:Title", "Planned Dates:Duration (months)",
                  "Last Modified"):
        assert title in headings
    assert len(rows) == 2 and rows[1][headings.index("Funding Org:1:Name")] is None
    sheet = load_workbook(io.BytesIO(spreadsheet.xlsx(document)))["grants"]
    assert [c.value for c in sheet[1]] == headings
    assert sheet.cell(2, 5).value == 765000 and sheet.cell(2, 5).number_format == "0.00"
    lines = list(csv.reader(io.StringIO(spreadsheet.csv_text(document))))
    assert lines[0] == headings and lines[1][4] == "765000.00"


def test_text_like_a_formula_stays_text_in_the_spreadsheet() -> None:
    document = {"grants": [grant(title="=HYPERLINK(\"http://x\")")]}
    cell = load_workbook(io.BytesIO(spreadsheet.xlsx(document)))["grants"].cell(2, 2)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'
