"""kaleo-dr failback reconcile against real clusters: the old AWS database and the GCP one.

Cluster ``aws`` runs with track_commit_timestamp on (write times from commit timestamps);
cluster ``plain`` runs without it (write times from updated_at columns, or none).
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.config import parse_config
from scripts.failback.reconcile import bucket_width, reconcile
from scripts.output import BadInput
from scripts.standins.localsvc import PgCluster

_ids = itertools.count(1)

BASE = """
CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, qty int, tags text[], at timestamptz);
CREATE TABLE notes (body text, n int);
CREATE SCHEMA kaleo_dr;
CREATE TABLE kaleo_dr.heartbeat (id int PRIMARY KEY, beat timestamptz);
INSERT INTO kaleo_dr.heartbeat VALUES (1, now());
INSERT INTO items SELECT g, 'item ' || g, g % 7, ARRAY['a', g::text], '2026-01-01'::timestamptz + g * interval '1 min'
  FROM generate_series(1, 600) g;
INSERT INTO notes SELECT 'note ' || (g % 40), g % 3 FROM generate_series(1, 90) g;
"""


@pytest.fixture(scope="module")
def aws() -> Iterator[PgCluster]:
    with PgCluster("aws", settings={"track_commit_timestamp": "on"}) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def plain() -> Iterator[PgCluster]:
    with PgCluster("plain") as cluster:
        yield cluster


def pair(old_cluster: PgCluster, new_cluster: PgCluster, sql: str) -> tuple[str, str]:
    n = next(_ids)
    old_db, new_db = f"old_{n}", f"gcp_{n}"
    old_cluster.create_database(old_db)
    new_cluster.create_database(new_db)
    old_cluster.psql(sql, old_db)
    new_cluster.psql(sql, new_db)
    return old_db, new_db


def config(
    tmp: Path, old: PgCluster, old_db: str, new: PgCluster, new_db: str, monkeypatch: pytest.MonkeyPatch, **extra: Any
) -> dict[str, Any]:
    monkeypatch.setenv("KDR_OLD_PW", old.password)
    monkeypatch.setenv("KDR_GCP_PW", new.password)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    return {
        "state": {"dir": str(tmp / "state")},
        "failback": {
            "old_dsn": old.dsn(old_db),
            "old_password": "env:KDR_OLD_PW",
            "gcp_dsn": new.dsn(new_db),
            "gcp_password": "env:KDR_GCP_PW",
            **extra,
        },
    }


def checksum(cluster: PgCluster, db: str) -> str:
    return cluster.psql(
        "SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM "
        "(SELECT i::text FROM items i UNION ALL SELECT n::text FROM notes n) t",
        db,
    )


def test_stranded_writes_are_found_by_commit_timestamp_and_nothing_is_written(
    aws: PgCluster, plain: PgCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_db, gcp_db = pair(aws, plain, BASE)
    time.sleep(0.05)
    since = aws.psql("SELECT clock_timestamp()", old_db)
    time.sleep(0.05)
    # After the position GCP received, before the outage: committed on AWS only (the stranded writes).
    aws.psql(
        "INSERT INTO items VALUES (601, 'late 1', 1, NULL, now()), (602, 'late 2', 2, '{}', now()),"
        " (603, 'late 3', 3, NULL, NULL);"
        "UPDATE items SET qty = qty + 100 WHERE id IN (5, 9);"
        "INSERT INTO notes VALUES ('late note', 1), ('note 3', 0);"
        "UPDATE kaleo_dr.heartbeat SET beat = now()",
        old_db,
    )
    # The GCP era: new rows, one row changed on GCP only, one deleted on GCP, one changed on both sides.
    plain.psql(
        "INSERT INTO items SELECT g, 'gcp ' || g, 0, NULL, now() FROM generate_series(10001, 10004) g;"
        "UPDATE items SET name = 'changed on gcp' WHERE id IN (7, 9); DELETE FROM items WHERE id = 8;"
        "INSERT INTO notes VALUES ('gcp note', 2)",
        gcp_db,
    )
    before = checksum(aws, old_db)
    out = tmp_path / "stranded.csv"
    cfg = parse_config(config(tmp_path, aws, old_db, plain, gcp_db, monkeypatch))
    data = reconcile(cfg, since=since, csv_path=out)

    assert data["commit_timestamps"] is True
    assert data["since_source"] == "given"
    items = next(t for t in data["tables"] if t["table"] == "public.items")
    notes = next(t for t in data["tables"] if t["table"] == "public.notes")
    assert items["method"] == "primary key" and items["key"] == ["id"]
    assert items["evidence"] == "commit timestamp"
    assert items["stranded"] == {"inserted": 3, "changed": 2}
    assert items["not_stranded"] == {"deleted_on_gcp": 1, "changed_on_gcp": 1}
    assert items["only_on_gcp"] == 4
    assert items["rows_aws"] == 603 and items["rows_gcp"] == 603
    assert 0 < items["differing_buckets"] < items["buckets"]
    assert notes["method"] == "full-row hash" and notes["key"] is None
    assert notes["stranded"] == {"inserted": 2, "changed": 0}
    assert notes["only_on_gcp"] == 1  # the GCP-era note
    assert data["stranded_writes"] == 7
    assert data["unbounded_candidates"] == 0
    assert data["exit_code"] == 1
    # the standby's heartbeat schema is not the business's data
    assert all(not t["table"].startswith("kaleo_dr.") for t in data["tables"])

    stranded = {(r["table"], r["key"], r["kind"]) for r in data["rows"] if r["status"] == "stranded"}
    assert stranded == {
        ("public.items", '{"id": 601}', "inserted"),
        ("public.items", '{"id": 602}', "inserted"),
        ("public.items", '{"id": 603}', "inserted"),
        ("public.items", '{"id": 5}', "changed"),
        ("public.items", '{"id": 9}', "changed"),
        ("public.notes", None, "inserted"),
    }
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 9 == data["rows_total"]
    late = next(r for r in rows if r["key"] == '{"id": 602}')
    assert json.loads(late["aws_row"])["name"] == "late 2"
    assert dt.datetime.fromisoformat(late["written_at"]) > dt.datetime.fromisoformat(since)
    assert sorted(json.loads(r["aws_row"])["body"] for r in rows if r["table"] == "public.notes") == [
        "late note",
        "note 3",
    ]
    assert checksum(aws, old_db) == before  # read only


def test_updated_at_bounds_the_window_and_rows_without_write_time_are_unbounded(
    plain: PgCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_db, gcp_db = pair(
        plain,
        plain,
        "CREATE TABLE orders (id bigint PRIMARY KEY, v int, modified_at timestamp);"
        "CREATE TABLE tickets (a int, b int, body text, PRIMARY KEY (a, b));"
        "INSERT INTO orders SELECT g, g, '2026-01-01' FROM generate_series(1, 100) g;"
        "INSERT INTO tickets SELECT g, g % 2, 'x' FROM generate_series(1, 30) g;",
    )
    plain.psql(
        "INSERT INTO orders VALUES (101, 0, '2026-07-01');"
        "UPDATE orders SET v = -3, modified_at = '2026-07-01' WHERE id = 3;"
        "INSERT INTO tickets VALUES (99, 1, 'late')",
        old_db,
    )
    plain.psql("UPDATE orders SET v = -4, modified_at = '2026-08-01' WHERE id = 4", gcp_db)
    raw = config(
        tmp_path,
        plain,
        old_db,
        plain,
        gcp_db,
        monkeypatch,
        since="2026-06-01T00:00:00Z",
        updated_at={"public.orders": "modified_at"},
    )
    data = reconcile(parse_config(raw))
    orders = next(t for t in data["tables"] if t["table"] == "public.orders")
    tickets = next(t for t in data["tables"] if t["table"] == "public.tickets")
    assert data["commit_timestamps"] is False
    assert orders["evidence"] == "column modified_at"
    assert orders["stranded"] == {"inserted": 1, "changed": 1}
    assert orders["not_stranded"] == {"deleted_on_gcp": 0, "changed_on_gcp": 1}
    assert tickets["evidence"] == "none" and tickets["key"] == ["a", "b"]
    assert tickets["unbounded"] == {"inserted": 1, "changed": 0}
    assert {r["key"] for r in data["rows"] if r["status"] == "unbounded"} == {'{"a": 99, "b": 1}'}
    assert (data["stranded_writes"], data["unbounded_candidates"], data["exit_code"]) == (2, 1, 1)

    raw["failback"]["updated_at"] = {"public.orders": "no_such_column"}
    with pytest.raises(BadInput, match="no_such_column"):
        reconcile(parse_config(raw))


def test_a_table_without_primary_key_is_refused_when_configured_and_never_exits_0(
    plain: PgCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_db, gcp_db = pair(plain, plain, BASE)
    raw = config(tmp_path, plain, old_db, plain, gcp_db, monkeypatch, since="2026-06-01T00:00:00Z")
    same = reconcile(parse_config(raw))
    assert (same["stranded_writes"], same["unbounded_candidates"], same["refused"], same["exit_code"]) == (0, 0, [], 0)
    assert all(t["differing_buckets"] == 0 for t in same["tables"])

    raw["failback"]["no_primary_key"] = "refuse"
    data = reconcile(parse_config(raw))
    assert data["refused"] == [
        "public.notes has no primary key: not compared (failback.no_primary_key: refuse); "
        "set it to 'hash' to compare it by full-row hash"
    ]
    assert data["exit_code"] == 3


def test_the_position_is_read_from_the_gcp_database_and_missing_tables_are_reported(
    plain: PgCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_db, gcp_db = pair(plain, plain, "CREATE TABLE a (id int PRIMARY KEY); INSERT INTO a VALUES (1), (2);")
    plain.psql("CREATE TABLE lost (id int PRIMARY KEY); INSERT INTO lost VALUES (1), (2), (3)", old_db)
    raw = config(tmp_path, plain, old_db, plain, gcp_db, monkeypatch)
    with pytest.raises(BadInput, match="--since"):
        reconcile(parse_config(raw))
    plain.psql(
        f"COMMENT ON DATABASE {gcp_db} IS 'kaleo-dr restored backup 20261128T0300Z "
        "(data as of 2026-11-28T03:00:00+00:00) at 2026-11-28T05:00:00+00:00'"
    )
    data = reconcile(parse_config(raw))
    assert data["since"] == "2026-11-28T03:00:00+00:00"
    assert data["since_source"] == "restored backup (data as of)"
    assert data["missing_on_gcp"] == {"public.lost": 3}
    assert data["exit_code"] == 1
    plain.psql(
        "CREATE SCHEMA kaleo_dr_local; CREATE TABLE kaleo_dr_local.promotion (id int PRIMARY KEY, detail jsonb);"
        """INSERT INTO kaleo_dr_local.promotion VALUES (1, '{"last_receipt": "2026-11-28T04:59:58+00:00"}')""",
        gcp_db,
    )
    data = reconcile(parse_config(raw))
    assert (data["since"], data["since_source"]) == (
        "2026-11-28T04:59:58+00:00",
        "standby last receipt (promotion record)",
    )


def test_the_command_line_exits_1_with_stranded_writes_and_keeps_passwords_out(
    cli: Any, plain: PgCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_db, gcp_db = pair(plain, plain, "CREATE TABLE a (id int PRIMARY KEY, v text); INSERT INTO a VALUES (1, 'x');")
    plain.psql("INSERT INTO a VALUES (2, 'stranded')", old_db)
    path = tmp_path / "kaleo-dr.yaml"
    path.write_text(yaml.safe_dump(config(tmp_path, plain, old_db, plain, gcp_db, monkeypatch)), encoding="utf-8")
    out = tmp_path / "rows.csv"
    r = cli("--config", str(path), "failback", "reconcile", "--since", "2026-01-01", "--csv", str(out), "--json")
    assert r.code == 1, r.stdout
    data = json.loads(r.stdout)
    assert data["unbounded_candidates"] == 1 and data["rows"][0]["key"] == '{"id": 2}'
    assert plain.password not in r.stdout + out.read_text(encoding="utf-8")
    bad = cli("--config", str(path), "failback", "reconcile", "--since", "yesterday", "--json")
    assert bad.code == 2 and "--since" in json.loads(bad.stdout)["error"]
    pw = cli("--config", str(path), "failback", "reconcile", "--old-dsn", f"{plain.dsn(old_db)}?password=x", "--json")
    assert pw.code == 2 and "password" in json.loads(pw.stdout)["error"]


def test_bucket_width_grows_with_the_table() -> None:
    assert [bucket_width(n) for n in (0, 1_000_000, 1_000_001, 16_000_001)] == [2, 2, 3, 4]


def test_scattered_differences_split_the_differing_buckets_and_stream_few_rows(
    aws: PgCluster, plain: PgCluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_db, gcp_db = pair(
        aws,
        plain,
        "CREATE TABLE big (id int PRIMARY KEY, v text);"
        "INSERT INTO big SELECT g, 'v' || g FROM generate_series(1, 20000) g;",
    )
    since = aws.psql("SELECT clock_timestamp()", old_db)
    time.sleep(0.05)
    aws.psql("UPDATE big SET v = 'late' WHERE id IN (17, 9001, 19999); INSERT INTO big VALUES (20001, 'new')", old_db)
    raw = config(tmp_path, aws, old_db, plain, gcp_db, monkeypatch, leaf_rows=100)
    big = reconcile(parse_config(raw), since=since)["tables"][0]
    assert big["stranded"] == {"inserted": 1, "changed": 3}
    assert big["levels"] >= 2 and big["rows_streamed"] <= 100
    raw["failback"]["leaf_rows"] = 1_000_000  # no split: the differing buckets are read whole
    whole = reconcile(parse_config(raw), since=since)["tables"][0]
    assert whole["stranded"] == big["stranded"] and whole["levels"] == 1 and whole["rows_streamed"] > 100
