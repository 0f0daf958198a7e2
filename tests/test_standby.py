"""kaleo-dr standby against two real clusters: production (wal_level=logical) and a standby."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts.config import KaleoConfig, parse_config
from scripts.output import CheckFailed
from scripts.runbook.incident import IncidentLog
from scripts.standins.localsvc import PgCluster
from scripts.standins.pgpair import clusters, password_env, standby_config, wait_for

SCHEMA = """
CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, qty int);
CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item int REFERENCES items,
                     at timestamptz DEFAULT now());
CREATE SEQUENCE ticket_seq;
CREATE TABLE tickets (no bigint PRIMARY KEY DEFAULT nextval('ticket_seq'), body text);
INSERT INTO items (name, qty) SELECT 'item ' || g, g FROM generate_series(1, 200) g;
INSERT INTO orders (item) SELECT 1 + g % 200 FROM generate_series(1, 300) g;
INSERT INTO tickets (body) SELECT 't' || g FROM generate_series(1, 20) g;
"""

_ids = itertools.count(1)


@pytest.fixture(scope="module")
def pair() -> Iterator[tuple[PgCluster, PgCluster]]:
    source, standby = clusters()
    with source, standby:
        yield source, standby


class Rig:
    def __init__(self, source: PgCluster, standby: PgCluster, db: str, tmp: Path) -> None:
        self.source, self.standby, self.db, self.tmp = source, standby, db, tmp
        self.overrides: dict[str, Any] = {}

    def config(self, **overrides: Any) -> KaleoConfig:
        self.overrides.update(overrides)
        return parse_config(self.raw())

    def raw(self) -> dict[str, Any]:
        return {
            "state": {"dir": str(self.tmp / "state")},
            "standby": standby_config(self.source, self.standby, self.db, **self.overrides),
        }

    def config_file(self) -> Path:
        path = self.tmp / "kaleo-dr.yaml"
        path.write_text(yaml.safe_dump(self.raw()), encoding="utf-8")
        return path

    def src(self, sql: str) -> str:
        return self.source.psql(sql, self.db)

    def dst(self, sql: str) -> str:
        return self.standby.psql(sql, self.db)


@pytest.fixture
def rig(pair: tuple[PgCluster, PgCluster], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Rig]:
    source, standby = pair
    for key, value in password_env(source, standby).items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("KALEO_DR_CONFIG", raising=False)
    db = f"sb{next(_ids)}"
    source.create_database(db)
    standby.create_database(db)
    r = Rig(source, standby, db, tmp_path)
    r.src(SCHEMA)
    yield r
    from scripts.db.standby.setup import drop

    try:
        drop(r.config())
    except Exception as exc:  # teardown: report, do not mask the test's own failure
        print(f"standby drop at teardown: {exc}")


def _setup(rig: Rig, **kwargs: Any) -> dict[str, Any]:
    from scripts.db.standby.setup import setup

    return setup(rig.config(), replica_identity_full=kwargs.pop("replica_identity_full", []), **kwargs)


def test_setup_copies_replicates_and_a_second_run_changes_nothing(rig: Rig, cli: Any) -> None:
    first = _setup(rig)
    assert first["publication_state"] == "created"
    assert first["schema"] == "applied"
    assert first["subscription_state"] == "created"
    assert first["synced"] is True
    assert first["binary"] is True
    assert rig.dst("SELECT count(*) FROM items") == "200"
    assert rig.dst("SELECT count(*) FROM orders") == "300"
    rig.src("INSERT INTO items (name) VALUES ('streamed')")
    wait_for(lambda: rig.dst("SELECT count(*) FROM items WHERE name = 'streamed'") == "1", what="replication")

    code = cli("--config", str(rig.config_file()), "standby", "setup", "--json")
    assert code.code == 0, code.stdout
    again = code.json()
    assert (again["publication_state"], again["schema"], again["subscription_state"]) == (
        "present",
        "present",
        "present",
    )
    assert rig.dst("SELECT count(*) FROM items") == "201"

    st = cli("--config", str(rig.config_file()), "standby", "status", "--json")
    data = st.json()
    assert st.code == 0, data["problems"]
    assert data["drift"] == []
    assert set(data["tables"].values()) == {"ready"}
    assert data["retained_wal_bytes"] is not None and data["lag_bytes"] is not None
    prom = cli("--config", str(rig.config_file()), "standby", "status", "--format", "prometheus")
    assert 'kaleo_standby_ok{subscription="sub_' in prom.stdout and "kaleo_standby_lag_bytes{" in prom.stdout


def test_setup_refuses_a_table_without_key_unless_named_for_replica_identity_full(rig: Rig, cli: Any) -> None:
    rig.src("CREATE TABLE audit (at timestamptz, what text); INSERT INTO audit VALUES (now(), 'x')")
    refused = cli("--config", str(rig.config_file()), "standby", "setup", "--json")
    assert refused.code == 1
    assert "public.audit" in refused.json()["error"]
    assert rig.src(f"SELECT count(*) FROM pg_publication WHERE pubname = 'pub_{rig.db}'") == "0"

    wrong = cli(
        "--config", str(rig.config_file()), "standby", "setup", "--json", "--replica-identity-full", "public.items"
    )
    assert wrong.code == 2 and "already has a key" in wrong.json()["error"]

    done = _setup(rig, replica_identity_full=["audit"])
    assert done["replica_identity_full"] == ["public.audit"]
    assert rig.src("SELECT relreplident FROM pg_class WHERE oid = 'audit'::regclass") == "f"
    rig.src("UPDATE audit SET what = 'y'")
    wait_for(lambda: rig.dst("SELECT what FROM audit") == "y", what="UPDATE of a replica-identity-full table")


def test_safety_valve_drops_the_slot_disables_the_subscription_and_records_it(rig: Rig, cli: Any) -> None:
    from scripts.db.standby.status import status

    _setup(rig)
    rig.src("INSERT INTO items (name) SELECT 'w' || g FROM generate_series(1, 2000) g")
    data = status(rig.config(max_retained_wal="0"))
    assert data["valve"]["tripped"] is True
    assert data["ok"] is False
    assert rig.src(f"SELECT count(*) FROM pg_replication_slots WHERE slot_name = 'sub_{rig.db}'") == "0"
    assert rig.dst(f"SELECT subenabled, subslotname IS NULL FROM pg_subscription WHERE subname = 'sub_{rig.db}'") == (
        "f|t"
    )
    assert rig.dst("SELECT count(*) FROM kaleo_dr_local.events WHERE kind = 'safety_valve'") == "1"
    with IncidentLog.open(rig.config().state.incident_log_path()) as log:
        notes = [e.payload for e in log.events(kind="note")]
    assert any(n.get("event") == "safety_valve" and n.get("slot") == f"sub_{rig.db}" for n in notes)
    # afterwards status keeps failing (nothing replicates) and setup asks for drop + --reinit
    again = cli("--config", str(rig.config_file()), "standby", "status", "--json")
    assert again.code == 1
    with pytest.raises(CheckFailed, match="no slot"):
        _setup(rig)


def test_status_reports_schema_drift(rig: Rig, cli: Any) -> None:
    _setup(rig)
    rig.src("ALTER TABLE items ADD COLUMN colour text")
    result = cli("--config", str(rig.config_file()), "standby", "status", "--json")
    data = result.json()
    assert result.code == 1
    assert any("public.items.colour" in d for d in data["drift"])
    assert any(p.startswith("schema drift") for p in data["problems"])


def test_sequences_catch_up_and_promote_runs_once(rig: Rig, cli: Any) -> None:
    from scripts.db.standby.promote import promote
    from scripts.db.standby.status import status

    _setup(rig)
    # the sync copies production's positions
    rig.src("INSERT INTO items (name) SELECT 'a' || g FROM generate_series(1, 50) g")
    wait_for(lambda: rig.dst("SELECT count(*) FROM items") == "250", what="replication")
    status(rig.config())
    assert rig.dst("SELECT last_value FROM items_id_seq") == "250"
    assert rig.dst("SELECT last_value FROM ticket_seq") == "20"
    # production goes on after the last sync: rows arrive, positions do not
    rig.src("INSERT INTO items (name) SELECT 'b' || g FROM generate_series(1, 5000) g")
    rig.src("INSERT INTO orders (item) VALUES (1)")
    wait_for(lambda: rig.dst("SELECT count(*) FROM items") == "5250", what="replication")
    wait_for(lambda: rig.dst("SELECT count(*) FROM orders") == "301", what="replication")

    with pytest.raises(CheckFailed, match="production still answers"):
        promote(rig.config(sequence_margin=100))
    result = promote(rig.config(sequence_margin=100), source_up_ok=True)
    nxt = {e["sequence"]: e["next"] for e in result["sequences"]}
    assert nxt["public.items_id_seq"] == 5251  # the column maximum + 1 beats 250 + 100
    assert nxt["public.ticket_seq"] == 120  # 20 + margin beats the column maximum 20 + 1
    assert nxt["public.orders_id_seq"] == 400  # 300 synced + 100 beats 301 + 1
    # planner statistics before traffic: promote analyzed every table itself
    stats = result["statistics"]
    assert stats["analyzed"] is True and stats["tables_without"] == 0 and stats["analyzed_tables"] >= 3
    assert rig.dst("SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'public' AND last_analyze IS NULL") == (
        "0"
    )
    assert rig.dst("SELECT string_agg(DISTINCT tablename, ',') FROM pg_stats WHERE schemaname = 'public'") == (
        "items,orders,tickets"
    )
    # every table with a sequence takes inserts without key collisions
    rig.dst("INSERT INTO items (name) VALUES ('after promote')")
    rig.dst("INSERT INTO orders (item) VALUES (1)")
    rig.dst("INSERT INTO tickets (body) VALUES ('after promote')")
    assert rig.dst("SELECT max(id) FROM items") == "5251"
    assert rig.dst(f"SELECT subenabled FROM pg_subscription WHERE subname = 'sub_{rig.db}'") == "f"

    twice = cli("--config", str(rig.config_file()), "standby", "promote", "--yes", "--source-up-ok", "--json")
    assert twice.code == 1
    assert "already promoted" in twice.json()["error"]
    assert rig.dst("SELECT count(*) FROM kaleo_dr_local.promotion") == "1"


DESCENDING = """
CREATE SEQUENCE credit_seq INCREMENT -1 MINVALUE -100000 MAXVALUE -1 START -1;
CREATE TABLE credits (no bigint PRIMARY KEY DEFAULT nextval('credit_seq'), body text);
INSERT INTO credits (body) SELECT 'c' || g FROM generate_series(1, 30) g;
CREATE SEQUENCE floor_seq INCREMENT -2 MINVALUE -80 MAXVALUE -1 START -2;
CREATE TABLE floors (no int PRIMARY KEY DEFAULT nextval('floor_seq'), body text);
INSERT INTO floors (body) SELECT 'f' || g FROM generate_series(1, 10) g;
CREATE SEQUENCE cap_seq MAXVALUE 1050;
CREATE TABLE caps (no int PRIMARY KEY DEFAULT nextval('cap_seq'), body text);
INSERT INTO caps (body) SELECT 'k' || g FROM generate_series(1, 1000) g;
CREATE SEQUENCE ring_seq MAXVALUE 40 CYCLE;
CREATE TABLE rings (id serial PRIMARY KEY, slot int DEFAULT nextval('ring_seq'));
INSERT INTO rings (slot) SELECT g FROM generate_series(1, 40) g;
"""


def test_promote_moves_descending_sequences_down_and_keeps_every_sequence_within_its_limits(rig: Rig) -> None:
    """A negative increment: the smaller of (synced - margin) and (column minimum - 1), not above minvalue."""
    from scripts.db.standby.promote import promote
    from scripts.db.standby.status import status

    rig.src(DESCENDING)
    _setup(rig)
    status(rig.config())  # the last sync of positions: credit_seq -30, floor_seq -20, cap_seq 1000
    assert rig.dst("SELECT last_value FROM credit_seq") == "-30"
    # production hands out more after that sync: the rows replicate, the positions do not
    rig.src("INSERT INTO credits (body) SELECT 'd' || g FROM generate_series(1, 500) g")
    rig.src("INSERT INTO floors (body) VALUES ('f11')")
    wait_for(lambda: rig.dst("SELECT min(no) FROM credits") == "-530", what="replication")
    wait_for(lambda: rig.dst("SELECT min(no) FROM floors") == "-22", what="replication")

    result = promote(rig.config(sequence_margin=100), source_up_ok=True)
    by_name = {e["sequence"]: e for e in result["sequences"]}
    credit = by_name["public.credit_seq"]
    assert (credit["increment"], credit["last_synced"], credit["column_min"]) == (-1, -30, -530)
    assert credit["next"] == -531  # the column minimum - 1 beats -30 - 100
    floor = by_name["public.floor_seq"]
    assert floor["next"] == -80 and "minvalue -80" in floor["note"]  # -20 - 100 would cross minvalue
    cap = by_name["public.cap_seq"]
    assert cap["next"] == 1050 and "maxvalue 1050" in cap["note"]  # 1000 + 100 would cross maxvalue
    ring = by_name["public.ring_seq"]
    assert ring["next"] is None and "cycles" in ring["note"]  # its column holds maxvalue: it wraps
    # the promoted standby hands out keys past everything production wrote, in each direction
    assert rig.dst("INSERT INTO credits (body) VALUES ('after') RETURNING no").splitlines()[0] == "-531"
    assert rig.dst("INSERT INTO floors (body) VALUES ('after') RETURNING no").splitlines()[0] == "-80"
    assert rig.dst("INSERT INTO caps (body) VALUES ('after') RETURNING no").splitlines()[0] == "1050"


def test_promote_without_analyze_reports_the_tables_left_without_statistics(rig: Rig, cli: Any) -> None:
    from scripts.db.standby.status import status

    _setup(rig)
    rig.dst("ALTER TABLE tickets SET (autovacuum_enabled = false)")
    status(rig.config())
    r = cli(
        "--config", str(rig.config_file()), "standby", "promote", "--yes", "--source-up-ok", "--no-analyze", "--json"
    )
    assert r.code == 0, r.stdout
    stats = r.json()["statistics"]
    assert stats["analyzed"] is False and stats["analyzed_tables"] == 0
    assert "public.tickets" in stats["missing"]
    assert rig.dst("SELECT last_analyze IS NULL FROM pg_stat_user_tables WHERE relname = 'tickets'") == "t"


def test_promote_fails_on_a_table_analyze_left_without_statistics(rig: Rig) -> None:
    """An empty table analyzed while the standby does not count statistics keeps none: promote refuses."""
    from scripts.db.standby.promote import promote
    from scripts.db.standby.status import status

    rig.src("CREATE TABLE notes (id int PRIMARY KEY, body text)")
    _setup(rig)
    status(rig.config())
    rig.dst(f"ALTER DATABASE {rig.db} SET track_counts = off")
    with pytest.raises(CheckFailed, match=r"1 table\(s\) without planner statistics after ANALYZE: public.notes"):
        promote(rig.config(), source_up_ok=True)
    assert rig.dst("SELECT count(*) FROM kaleo_dr_local.promotion") == "0"


def test_promote_refuses_without_a_snapshot_and_writes_no_marker(rig: Rig) -> None:
    from scripts.db.standby.promote import promote

    _setup(rig)
    with pytest.raises(CheckFailed, match="no status snapshot"):
        promote(rig.config(), source_up_ok=True)
    assert rig.dst("SELECT count(*) FROM kaleo_dr_local.promotion") == "0"


def test_subscription_leaves_loopback_only_with_a_verified_certificate(rig: Rig) -> None:
    from scripts.db.standby.common import subscription_conninfo
    from scripts.output import BadInput

    cfg = rig.config(subscription_dsn="postgresql://repl@db.example.test:5432/kaleo")
    with pytest.raises(BadInput, match="verify-full"):
        subscription_conninfo(cfg.standby)
    cfg = rig.config(sslmode="verify-full", sslrootcert="/etc/kaleo/rds-ca.pem")
    info = subscription_conninfo(cfg.standby)
    assert "sslmode=verify-full" in info and "sslrootcert=/etc/kaleo/rds-ca.pem" in info
    assert "password" not in info
    assert json.dumps(info)


def _failover(
    rig: Rig, outage_start: Any, steps: list[str] | None = None, **standby: Any
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A failover run with only the database step, production unreachable from kaleo-dr (a dead port)."""
    from scripts.runbook.failover.cli import failover
    from scripts.runbook.incident import to_iso
    from scripts.standins.localsvc import free_port

    raw = rig.raw()
    raw["standby"].update(source_dsn=f"postgresql://postgres@127.0.0.1:{free_port()}/{rig.db}", **standby)
    raw["failover"] = {"steps": steps or ["restore"]}
    config = parse_config(raw)
    with IncidentLog.open(config.state.incident_log_path()) as log:
        incident = log.open_incident("AWS down", at=outage_start)
        log.record("amazon_outage", {"started_at": to_iso(outage_start)}, incident.id, at=outage_start)
    result = failover(config, "gcp")
    with IncidentLog.open(config.state.incident_log_path()) as log:
        decisions = [e.payload for e in log.events(kind="decision") if "failover_database_path" in e.payload]
    return result, decisions


def test_failover_promotes_a_healthy_standby_instead_of_restoring(rig: Rig) -> None:
    import datetime as dt

    from scripts.db.standby.status import status

    _setup(rig)
    assert status(rig.config())["ok"]
    result, decisions = _failover(rig, dt.datetime.now(dt.UTC))
    assert [s["step"] for s in result["steps"]] == ["promote"]
    assert result["ok"], result["failed"]
    assert result["database_path"]["path"] == "promote"
    assert decisions[-1]["path"] == "promote" and "healthy" in decisions[-1]["reason"]
    assert rig.dst("SELECT count(*) FROM kaleo_dr_local.promotion") == "1"
    rig.dst("INSERT INTO items (name) VALUES ('written on GCP')")


def test_failover_restores_the_dump_when_its_stack_is_not_linked_to_the_standby(rig: Rig) -> None:
    """Healthy standby, but the stack it would build has no path to it: promoting would strand the app."""
    import datetime as dt

    from scripts.db.standby.status import status

    _setup(rig)
    assert status(rig.config())["ok"]
    result, decisions = _failover(rig, dt.datetime.now(dt.UTC), steps=["stack", "restore"])
    assert result["database_path"]["path"] == "restore"
    assert decisions[-1]["path"] == "restore" and "kaleo:gcpStandbyStack is unset" in decisions[-1]["reason"]
    assert decisions[-1]["health"]["healthy"] is True
    assert [s["step"] for s in result["steps"]][:1] == ["stack"]  # no promote step in the run
    assert rig.dst("SELECT count(*) FROM kaleo_dr_local.promotion") == "0"


def test_failover_restores_the_dump_when_the_standby_is_stale(rig: Rig) -> None:
    import datetime as dt

    from scripts.db.standby.status import status

    _setup(rig)
    assert status(rig.config())["ok"]
    rig.dst(f"ALTER SUBSCRIPTION sub_{rig.db} DISABLE")  # the standby stopped hearing from production
    outage = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
    result, decisions = _failover(rig, outage, max_lag="1m")
    assert [s["step"] for s in result["steps"]] == ["restore"]
    assert result["database_path"]["path"] == "restore"
    assert decisions[-1]["path"] == "restore" and "stale" in decisions[-1]["reason"]
    assert rig.dst("SELECT count(*) FROM kaleo_dr_local.promotion") == "0"


def test_status_with_production_unreachable_is_a_failure_not_unknown_ok(rig: Rig, cli: Any) -> None:
    from scripts.standins.localsvc import free_port

    _setup(rig)
    rig.overrides["source_dsn"] = f"postgresql://postgres@127.0.0.1:{free_port()}/{rig.db}"
    result = cli("--config", str(rig.config_file()), "standby", "status", "--json")
    data = result.json()
    assert result.code == 1
    assert data["lag_bytes"] is None and data["drift"] is None
    assert any(p.startswith("production not reachable") for p in data["problems"])
    prom = cli("--config", str(rig.config_file()), "standby", "status", "--format", "prometheus")
    assert prom.code == 1
    assert "kaleo_standby_lag_bytes{" not in prom.stdout  # unknown is absent, never 0
    assert 'kaleo_standby_ok{subscription="sub_' in prom.stdout


def test_sync_sequences_command_copies_positions(rig: Rig, cli: Any) -> None:
    _setup(rig)
    rig.src("SELECT setval('ticket_seq', 777)")
    result = cli("--config", str(rig.config_file()), "standby", "sync-sequences", "--json")
    assert result.code == 0
    assert result.json()["copied"]["public.ticket_seq"] == 777
    assert rig.dst("SELECT last_value FROM ticket_seq") == "777"
