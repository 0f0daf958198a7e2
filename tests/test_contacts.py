"""contacts.yaml and customers.csv: validation, line-numbered bad rows, CSV and vCard export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from scripts.runbook.contacts import load_customers, load_team, normalise_phone

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

TEAM = """\
team:
  - name: On-call engineer
    role: Incident lead
    email: oncall@example.com
    mobile: "(201) 555-0101"
    home: "+1 201 555 0111"
  - name: Broken entry
    role: Nobody
    email: not-an-email
    mobile: "12"
  - name: Database administrator
    role: Database recovery
    email: dba@example.com
    mobile: "+44 20 7946 0958"
"""

CUSTOMERS = """\
customer_id,name,contact_name,contact_email,contact_phone,components
C1,Clinic One,Practice manager,manager@one.example.com,201-555-0131,web;api
C2,Clinic Two,IT desk,it@@two.example.com,,web
C3,Clinic Three,Ops,ops@three.example.com,555,
C1,Clinic One again,Someone,someone@one.example.com,,
"Clinic, quoted",x,y,"multi
line"
C4,Clinic Four,Owner,owner@four.example.com,,
"""


def test_team_is_validated_and_normalised(tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text(TEAM)
    loaded = load_team(path)
    assert [m.name for m in loaded.rows] == ["On-call engineer", "Database administrator"]
    assert loaded.rows[0].mobile == "+12015550101"
    assert loaded.rows[0].home == "+12015550111"
    assert loaded.rows[1].mobile == "+442079460958"
    assert len(loaded.errors) == 1
    error = loaded.errors[0]
    assert error.line == 7
    assert "invalid email" in error.message and "invalid phone" in error.message


def test_customers_bad_rows_have_line_numbers_and_good_rows_stay(tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text(CUSTOMERS)
    loaded = load_customers(path)
    assert [c.customer_id for c in loaded.rows] == ["C1", "C4"]
    assert loaded.rows[0].components == ("web", "api")
    assert loaded.rows[0].contact_phone == "+12015550131"
    assert loaded.rows[0].contact_key == "C1:manager@one.example.com"
    by_line = {e.line: e.message for e in loaded.errors}
    assert sorted(by_line) == [3, 4, 5, 6]
    assert "invalid email" in by_line[3]
    assert "invalid phone" in by_line[4]
    assert "already used on line 2" in by_line[5]
    # the quoted field spans lines 6-7; the next row is reported on its own line (8) when bad
    assert "invalid email" in by_line[6]


def test_customers_header_must_have_required_columns(tmp_path):
    from scripts.output import BadInput

    path = tmp_path / "customers.csv"
    path.write_text("customer_id,name,email\nC1,x,y@example.com\n")
    with pytest.raises(BadInput, match="contact_name, contact_email"):
        load_customers(path)


def test_phone_without_country_uses_default_region():
    assert normalise_phone("020 7946 0958", "GB") == "+442079460958"
    with pytest.raises(ValueError, match="invalid phone"):
        normalise_phone("+1 555 0100", "US")


def test_examples_are_clean():
    assert not load_team(EXAMPLES / "contacts.yaml").errors
    assert not load_customers(EXAMPLES / "customers.csv").errors


def test_cli_list_reports_bad_rows_and_exit_1(cli, in_tmp):
    (in_tmp / "contacts.yaml").write_text(TEAM)
    result = cli("contacts", "list", "--json")
    assert result.code == 1
    data = result.json()
    assert [r["name"] for r in data["rows"]] == ["On-call engineer", "Database administrator"]
    assert data["errors"][0]["line"] == 7


def test_cli_export_csv_of_customers(cli, in_tmp):
    out = in_tmp / "calling-list.csv"
    result = cli(
        "contacts",
        "export",
        "--format",
        "csv",
        "--customers",
        "--customers-file",
        str(EXAMPLES / "customers.csv"),
        "--output",
        str(out),
        "--json",
    )
    assert result.code == 0, result.stdout
    assert result.json()["count"] == 5
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows[0]["contact_phone"] == "+12015550131"
    assert rows[0]["components"] == "web;api"


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_cli_export_vcard(cli, in_tmp, version):
    out = in_tmp / "team.vcf"
    result = cli(
        "contacts",
        "export",
        "--format",
        "vcard",
        "--vcard-version",
        version,
        "--contacts-file",
        str(EXAMPLES / "contacts.yaml"),
        "--output",
        str(out),
    )
    assert result.code == 0, result.stderr
    text = out.read_bytes().decode()
    assert text.count("BEGIN:VCARD") == 5 and text.count("END:VCARD") == 5
    assert f"VERSION:{version}" in text
    assert "\r\n" in text
    if version == "4.0":
        assert "TEL;VALUE=uri;TYPE=cell,voice:tel:+12015550101" in text
    else:
        assert "TEL;TYPE=CELL,VOICE:+12015550101" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    # a role with a comma is escaped, not split into two values
    assert "TITLE:Declares the disaster\\, approves the failover" in text


def test_vcard_folds_long_lines():
    from scripts.runbook.contacts import vcard

    card = vcard("Example " + "é" * 60, "a@example.com", [], "4.0", "Org")
    lines = card.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    fn = next(i for i, line in enumerate(lines) if line.startswith("FN:"))
    assert lines[fn + 1].startswith(" ")
    unfolded = card.replace("\r\n ", "")
    assert "FN:Example " + "é" * 60 in unfolded


def test_cli_missing_file_is_bad_input(cli, in_tmp):
    result = cli("contacts", "list", "--customers", "--json")
    assert result.code == 2
    assert "customers.csv does not exist" in result.json()["error"]


def test_cli_bad_format_is_bad_input(cli, in_tmp):
    result = cli("contacts", "export", "--format", "pdf", "--contacts-file", str(EXAMPLES / "contacts.yaml"))
    assert result.code == 2


def test_cli_export_customer_vcards_to_stdout(cli, in_tmp):
    result = cli(
        "contacts",
        "export",
        "--format",
        "vcard",
        "--vcard-version",
        "3.0",
        "--customers",
        "--customers-file",
        str(EXAMPLES / "customers.csv"),
    )
    assert result.code == 0
    assert result.stdout.count("BEGIN:VCARD") == 5
    assert "ORG:Example Clinic North (example)" in result.stdout
    assert "TEL;TYPE=WORK,VOICE:+12015550131" in result.stdout
