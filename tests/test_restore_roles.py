"""Roles, database privileges and settings travel with the backup and are applied before the schema.

Real PostgreSQL and the real ``backup create`` / ``restore`` commands: a source with two
owners and grants of every kind is backed up, then the source *and its roles* are dropped
(a GCP server has none of them), and the restore must bring owners and privileges back
exactly, with the app role logging in with its Secret Manager password (stand-in).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import yaml

from scripts.db import roles
from scripts.db.manifest import Manifest, manifest_key
from scripts.db.restore.target import staging_name
from scripts.db.storage import open_store
from scripts.standins.localsvc import PgCluster
from scripts.standins.secretmanager import SecretManagerStandin
from tests.restore_support import drop_db, make_backup

SOURCE = "roles_src"
TARGET = "roles_dst"
ROLES = ["kr_app", "kr_readers", "kr_owner_b", "kr_owner_a"]  # members before the roles they are in
RESTORER = "kr_restorer"  # may create databases, not roles

SCHEMA = """
CREATE SCHEMA app AUTHORIZATION kr_owner_a;
CREATE SCHEMA billing AUTHORIZATION kr_owner_b;
GRANT USAGE ON SCHEMA app TO kr_readers;
GRANT USAGE ON SCHEMA billing TO kr_app WITH GRANT OPTION;
SET ROLE kr_owner_a;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO kr_readers;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON SEQUENCES TO kr_app;
CREATE TABLE app.accounts (id serial PRIMARY KEY, name text NOT NULL, secret text);
INSERT INTO app.accounts (name, secret) SELECT 'acct ' || g, md5(g::text) FROM generate_series(1, 200) g;
GRANT SELECT (id, name), UPDATE (name) ON app.accounts TO kr_app;
RESET ROLE;
SET ROLE kr_owner_b;
ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT INSERT ON TABLES TO kr_app;
CREATE TABLE billing.invoices (id bigserial PRIMARY KEY, account_id int NOT NULL, total numeric NOT NULL);
INSERT INTO billing.invoices (account_id, total) SELECT 1 + g % 200, g * 2.5 FROM generate_series(1, 500) g;
CREATE SEQUENCE billing.invoice_no;
GRANT SELECT ON billing.invoices TO kr_readers;
GRANT USAGE, SELECT ON SEQUENCE billing.invoice_no TO kr_app;
RESET ROLE;
"""


def _drop_roles(pg: PgCluster) -> None:
    for name in [*ROLES, RESTORER]:
        pg.psql(f"DROP ROLE IF EXISTS {name}")


def _create_source(pg: PgCluster) -> None:
    pg.psql(
        """
        CREATE ROLE kr_owner_a NOLOGIN CREATEDB;
        CREATE ROLE kr_owner_b NOLOGIN;
        CREATE ROLE kr_readers NOLOGIN;
        CREATE ROLE kr_app LOGIN CONNECTION LIMIT 20 IN ROLE kr_readers;
        ALTER ROLE kr_app SET statement_timeout = '5s';
        """
    )
    pg.psql(f"CREATE DATABASE {SOURCE} OWNER kr_owner_a")
    pg.psql(
        f"""
        REVOKE ALL ON DATABASE {SOURCE} FROM PUBLIC;
        GRANT CONNECT, TEMPORARY ON DATABASE {SOURCE} TO kr_app;
        GRANT CREATE ON DATABASE {SOURCE} TO kr_owner_b WITH GRANT OPTION;
        ALTER DATABASE {SOURCE} SET work_mem = '12MB';
        ALTER ROLE kr_app IN DATABASE {SOURCE} SET search_path = app, "$user", public;
        """
    )
    pg.psql(SCHEMA, SOURCE)


def _state(pg: PgCluster, db: str) -> dict[str, Any]:
    """Owners and privileges of everything the schema holds, and the database's own."""

    def rows(sql: str) -> list[str]:
        return pg.psql(sql, db).splitlines()

    def acl(column: str) -> str:  # an ACL is a set of grants: compared in one order, whatever the insertion order
        return f"coalesce((SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest({column}) x), '-')"

    mine = "n.nspname IN ('app', 'billing')"
    return {
        "relations": rows(
            f"""SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || pg_get_userbyid(c.relowner)
                       || ' ' || {acl("c.relacl")}
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {mine} ORDER BY 1"""
        ),
        "columns": rows(
            f"""SELECT c.relname || '.' || a.attname || ' ' || {acl("a.attacl")} FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE {mine} AND a.attacl IS NOT NULL ORDER BY 1"""
        ),
        "schemas": rows(
            f"""SELECT nspname || ' ' || pg_get_userbyid(nspowner) || ' ' || {acl("nspacl")}
               FROM pg_namespace WHERE nspname IN ('app', 'billing', 'public') ORDER BY 1"""
        ),
        "default_acl": rows(
            f"""SELECT pg_get_userbyid(defaclrole) || ' ' || coalesce(defaclnamespace::regnamespace::text, '-')
                      || ' ' || defaclobjtype::text || ' ' || {acl("defaclacl")}
               FROM pg_default_acl ORDER BY 1"""
        ),
        "database": rows(
            f"""SELECT pg_get_userbyid(datdba) || ' ' || {acl("datacl")}
               FROM pg_database WHERE datname = current_database()"""
        ),
        "settings": rows(
            """SELECT coalesce(r.rolname, '(database)') || ' ' || (s.setdatabase <> 0)::text || ' '
                      || s.setconfig::text
               FROM pg_db_role_setting s LEFT JOIN pg_roles r ON r.oid = s.setrole
               WHERE s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
                  OR r.rolname LIKE 'kr\\_%' ORDER BY 1"""
        ),
        "roles": rows(
            """SELECT rolname || ' ' || rolcanlogin || ' ' || rolcreatedb || ' ' || rolconnlimit
               FROM pg_roles WHERE rolname LIKE 'kr\\_%' ORDER BY 1"""
        ),
        "members": rows(
            """SELECT r.rolname || ' > ' || m.rolname || ' ' || am.admin_option FROM pg_auth_members am
               JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
               WHERE m.rolname LIKE 'kr\\_%' ORDER BY 1"""
        ),
    }


@pytest.fixture
def clean(pg: PgCluster) -> Iterator[None]:
    def wipe() -> None:
        for db in (SOURCE, TARGET, staging_name(TARGET), "roles_old_src", "roles_old_dst"):
            drop_db(pg, db)
        _drop_roles(pg)

    wipe()
    yield
    wipe()


@pytest.fixture
def sm() -> Iterator[SecretManagerStandin]:
    standin = SecretManagerStandin(secrets={"kaleo-db-app": "App-pass-" + os.urandom(6).hex()}).start()
    try:
        yield standin
    finally:
        standin.stop()


def _login(pg: PgCluster, user: str, password: str, db: str) -> psycopg.Connection[Any]:
    return psycopg.connect(host="127.0.0.1", port=pg.port, dbname=db, user=user, password=password, autocommit=True)


def test_roles_grants_and_settings_restore_with_owners_and_the_secret_manager_password(
    pg: PgCluster, clean: None, sm: SecretManagerStandin, cli: Any, tmp_path: Path
) -> None:
    _create_source(pg)
    url = f"file://{tmp_path}/backups"
    env = {"PGPASSWORD": pg.password}
    made = cli("backup", "create", "--source-dsn", pg.dsn(SOURCE), "--to", url, "--json", env=env)
    assert made.code == 0, made.stdout + made.stderr
    manifest = Manifest.from_json(open_store(url).get_bytes(manifest_key(made.json()["backup_id"])))
    assert roles.FILE_NAME in {f.path for f in manifest.files}  # so under the manifest's sha256 and signature
    before = _state(pg, SOURCE)
    assert any("kr_owner_b" in r for r in before["relations"]) and before["columns"] and before["default_acl"]

    # a GCP server has neither the database nor any of its roles
    drop_db(pg, SOURCE)
    _drop_roles(pg)
    password = sm.options["secrets"]["kaleo-db-app"]
    config = tmp_path / "kaleo-dr.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "secrets": {"project": "kaleo-dr", "endpoint": sm.url},
                "restore": {"role_passwords": {"kr_app": "kaleo-db-app"}},
            }
        ),
        encoding="utf-8",
    )
    res = cli("--config", str(config), "restore", "--from", url, "--target-dsn", pg.dsn(TARGET), "--json", env=env)

    assert res.code == 0, res.stdout + res.stderr
    applied = res.json()["roles"]
    assert applied["shipped"] is True
    # roles are cluster-wide: the session's cluster may hold other tests' roles, shipped and altered too
    assert sorted(applied["created"]) == sorted(ROLES) and not set(applied["altered"]) & set(ROLES)
    assert applied["passwords_set"] == ["kr_app"] and applied["login_without_password"] == []
    assert "postgres" in applied["left_alone"]  # the role the restore connects as (the master user here)
    assert password not in res.stdout + res.stderr
    assert _state(pg, TARGET) == before

    with contextlib.closing(_login(pg, "kr_app", password, TARGET)) as app:
        assert app.execute(
            "SELECT current_setting('search_path'), current_setting('statement_timeout')"
        ).fetchone() == (
            'app, "$user", public',
            "5s",
        )
        assert app.execute("SELECT count(name) FROM accounts").fetchone() == (200,)
        assert app.execute("UPDATE accounts SET name = name WHERE id = 1").rowcount == 1  # UPDATE (name) only
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute("UPDATE accounts SET secret = 'x' WHERE id = 1")  # a column privilege it never had
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        _login(pg, "kr_app", "not-" + password, TARGET).close()

    # again, over the restored database: the roles exist now and are altered, never duplicated
    again = cli(
        "--config",
        str(config),
        "restore",
        "--from",
        url,
        "--target-dsn",
        pg.dsn(TARGET),
        "--force-replace",
        TARGET,
        "--json",
        env=env,
    )
    assert again.code == 0, again.stdout + again.stderr
    assert again.json()["roles"]["created"] == [] and set(ROLES) <= set(again.json()["roles"]["altered"])
    assert _state(pg, TARGET) == before
    with contextlib.closing(_login(pg, "kr_app", password, TARGET)) as app:
        assert app.execute("SELECT current_user").fetchone() == ("kr_app",)


def test_a_backup_without_the_roles_file_restores_as_before(
    pg: PgCluster, clean: None, cli: Any, tmp_path: Path
) -> None:
    """Backups made before roles were shipped: restored as they are, and said so."""
    pg.psql("CREATE DATABASE roles_old_src")
    pg.psql("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 10)", "roles_old_src")
    url = f"file://{tmp_path}/old"
    old = make_backup(pg, "roles_old_src", url)
    assert roles.FILE_NAME not in {f.path for f in old.files}
    res = cli(
        "restore", "--from", url, "--target-dsn", pg.dsn("roles_old_dst"), "--json", env={"PGPASSWORD": pg.password}
    )
    assert res.code == 0, res.stdout + res.stderr
    assert res.json()["roles"] == {"shipped": False}
    assert pg.psql("SELECT count(*) FROM t", "roles_old_dst") == "10"


def test_a_target_login_that_may_not_create_roles_fails_clearly_and_leaves_nothing(
    pg: PgCluster, clean: None, cli: Any, tmp_path: Path
) -> None:
    pg.psql("CREATE ROLE kr_owner_a NOLOGIN")
    pg.psql(f"CREATE DATABASE {SOURCE} OWNER kr_owner_a")
    pg.psql("CREATE TABLE t (id int PRIMARY KEY); ALTER TABLE t OWNER TO kr_owner_a", SOURCE)
    url = f"file://{tmp_path}/backups"
    env = {"PGPASSWORD": pg.password}
    made = cli("backup", "create", "--source-dsn", pg.dsn(SOURCE), "--to", url, "--json", env=env)
    assert made.code == 0, made.stdout + made.stderr
    drop_db(pg, SOURCE)
    _drop_roles(pg)
    password = "Restorer-" + os.urandom(6).hex()
    pg.psql(f"CREATE ROLE {RESTORER} LOGIN CREATEDB PASSWORD '{password}'")
    dsn = f"postgresql://{RESTORER}@127.0.0.1:{pg.port}/{TARGET}"
    res = cli("restore", "--from", url, "--target-dsn", dsn, "--json", env={"PGPASSWORD": password})
    assert res.code == 1, res.stdout + res.stderr
    assert "applying the roles and database settings" in res.json()["error"], res.json()
    assert password not in res.stdout + res.stderr
    assert pg.psql("SELECT count(*) FROM pg_roles WHERE rolname = 'kr_owner_a'") == "0"  # one transaction
    assert pg.psql(f"SELECT count(*) FROM pg_database WHERE datname = '{TARGET}'") == "0"


def test_the_roles_file_is_data_never_sql() -> None:
    """Values are quoted; a setting that is not name=value or a list that is not names is refused."""
    doc = roles.Globals("d", "o", "o", [roles.Role("x", settings=["search_path=a; DROP TABLE t"])])
    with pytest.raises(ValueError, match="not a list of names"):
        roles.Globals.from_json(doc.to_json())
    assert roles.parse_setting('search_path=app, "$user", public') == ("search_path", 'app, "$user", public')
    assert roles.parse_setting("application_name=it's") == ("application_name", "'it''s'")
    bad_acl = json.loads(roles.Globals("d", "o", "o", database_acl=[roles.DatabaseGrant("x", "CONNECT")]).to_json())
    bad_acl["database_acl"][0]["privilege"] = "ALL; DROP DATABASE d"
    with pytest.raises(ValueError, match="unknown database privilege"):
        roles.Globals.from_json(json.dumps(bad_acl))
    assert not roles.shipped_role("rds_superuser") and not roles.shipped_role("rdsadmin")
    assert not roles.shipped_role("pg_read_all_data") and roles.shipped_role("kaleo_app")
