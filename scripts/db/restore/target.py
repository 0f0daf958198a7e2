"""The target server: the staging database next to the target, its checks, and the final swap."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from scripts.db import pgtools
from scripts.db.manifest import Manifest
from scripts.db.restore.progress import Progress
from scripts.output import BadInput, CheckFailed

STAGING_SUFFIX = "__kaleo_restore"
MARK_STAGING = "kaleo-dr restore staging"
MARK_VALIDATED = "kaleo-dr restore validated"
MARK_DONE = "kaleo-dr restored"
RESERVED_DATABASES = {"postgres", "template0", "template1"}


@dataclass
class Target:
    dsn: str
    password: str | None
    database: str
    staging: str

    def dsn_for(self, dbname: str) -> str:
        from psycopg.conninfo import make_conninfo

        return make_conninfo(self.dsn, dbname=dbname)

    def connect(self, dbname: str) -> Any:
        return pgtools.connect(self.dsn_for(dbname), self.password)

    def admin(self) -> Any:
        """A connection to the server's maintenance database (``postgres``, else ``template1``)."""
        try:
            return self.connect("postgres")
        except CheckFailed:
            return self.connect("template1")


def staging_name(database: str) -> str:
    name = database
    while len((name + STAGING_SUFFIX).encode()) > 63:
        name = name[:-1]
    return name + STAGING_SUFFIX


def _db_comment(conn: Any, dbname: str) -> str | None:
    row = conn.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (dbname,)
    ).fetchone()
    return None if row is None else (row[0] or "")


def _db_exists(conn: Any, dbname: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone() is not None


def _user_objects(conn: Any) -> int:
    """Tables, views, sequences and large objects of the database itself (not of extensions)."""
    row = conn.execute(
        """SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                     AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                     AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
                     AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                     AND d.objid = c.oid AND d.deptype = 'e'))
                + (SELECT count(*) FROM pg_largeobject_metadata)"""
    ).fetchone()
    return int(row[0]) if row else 0


def ident(name: str) -> str:
    return pgtools.quote_ident(name)


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def prepare_target(target: Target, admin: Any, force: bool, progress: Progress) -> tuple[bool, str | None]:
    """Check the target; clean leftovers of an interrupted run. Returns (target exists, validated backup id)."""
    exists = _db_exists(admin, target.database)
    if exists:
        comment = _db_comment(admin, target.database) or ""
        with contextlib.closing(target.connect(target.database)) as conn:
            objects = _user_objects(conn)
        if objects and not force:
            raise BadInput(
                f"target database {target.database!r} already holds {objects} user object(s) "
                "(tables, views, sequences or large objects); it was not touched",
                hint=f"restore into an empty or new database, or pass --force-replace {target.database} to replace "
                "it once the restored copy is complete and validated"
                + (f" (it was restored by kaleo-dr: {comment})" if comment else ""),
            )
    validated: str | None = None
    if _db_exists(admin, target.staging):
        comment = _db_comment(admin, target.staging) or ""
        if not comment.startswith(("kaleo-dr restore staging", MARK_VALIDATED)):
            raise BadInput(
                f"database {target.staging!r} exists and is not a kaleo-dr staging database; it was not touched",
                hint="rename or drop it: kaleo-dr restores into this name before replacing the target",
            )
        if comment.startswith(MARK_VALIDATED) and not exists:
            validated = comment.removeprefix(MARK_VALIDATED).strip().split(" ", 1)[0]
        else:
            progress.warn(
                f"[yellow]found the staging database {target.staging!r} of an interrupted restore: "
                "dropping it and starting again[/]"
            )
            admin.execute(f"DROP DATABASE {ident(target.staging)} WITH (FORCE)")
    return exists, validated


def create_staging(target: Target, admin: Any, manifest: Manifest, target_exists: bool) -> None:
    parts = ["TEMPLATE template0"]
    if target_exists:
        row = admin.execute(
            """SELECT pg_get_userbyid(datdba), pg_encoding_to_char(encoding), datcollate, datctype,
                      datlocprovider, daticulocale
               FROM pg_database WHERE datname = %s""",
            (target.database,),
        ).fetchone()
        owner, encoding, collate, ctype, provider, icu = row
        parts += [f"OWNER {ident(owner)}", f"ENCODING {literal(encoding)}", f"LC_COLLATE {literal(collate)}"]
        parts.append(f"LC_CTYPE {literal(ctype)}")
        if provider == "i" and icu:
            parts += ["LOCALE_PROVIDER icu", f"ICU_LOCALE {literal(icu)}"]
    else:
        parts.append("ENCODING 'UTF8'")
    admin.execute(f"CREATE DATABASE {ident(target.staging)} {' '.join(parts)}")
    mark = json.dumps({"backup_id": manifest.backup_id, "started_at": dt.datetime.now(dt.UTC).isoformat()})
    admin.execute(f"COMMENT ON DATABASE {ident(target.staging)} IS {literal(MARK_STAGING + ' ' + mark)}")


REPLACED_SUFFIX = "__kaleo_replaced"


def swap(target: Target, admin: Any, manifest: Manifest, target_exists: bool, force: bool = False) -> None:
    """Put the validated staging copy in the target's place.

    The target is checked again here, not only when the restore began: it is first renamed
    aside (no session can reach it by name any more), its user objects are counted, and it
    is dropped only when it is empty or ``force`` (the operator named it). Otherwise it is
    renamed back, untouched, and the validated copy stays in the staging database."""
    admin.execute(
        f"COMMENT ON DATABASE {ident(target.staging)} IS {literal(MARK_VALIDATED + ' ' + manifest.backup_id)}"
    )
    if target_exists or _db_exists(admin, target.database):
        aside = staging_name(target.database).removesuffix(STAGING_SUFFIX) + REPLACED_SUFFIX
        _rename(admin, target.database, aside)
        with contextlib.closing(target.connect(aside)) as conn:
            objects = _user_objects(conn)
        if objects and not force:
            _rename(admin, aside, target.database)
            state = "was empty" if target_exists else "did not exist"
            raise CheckFailed(
                f"target database {target.database!r} {state} when the restore began and holds {objects} user "
                f"object(s) now; it was not replaced. The validated copy of {manifest.backup_id} is kept in "
                f"{target.staging!r}",
                hint=f"find out who writes there; to replace it anyway: --force-replace {target.database}",
            )
        _terminate(admin, aside)
        admin.execute(f"DROP DATABASE {ident(aside)} WITH (FORCE)")
    _rename(admin, target.staging, target.database)
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    note = f"{MARK_DONE} backup {manifest.backup_id} (data as of {manifest.data_as_of}) at {stamp}"
    admin.execute(f"COMMENT ON DATABASE {ident(target.database)} IS {literal(note)}")


def _rename(admin: Any, old: str, new: str, attempts: int = 50) -> None:
    """ALTER DATABASE old RENAME TO new, ending the sessions on it (they take a moment to go)."""
    import time

    import psycopg

    for attempt in range(attempts):
        _terminate(admin, old)
        try:
            admin.execute(f"ALTER DATABASE {ident(old)} RENAME TO {ident(new)}")
            return
        except psycopg.errors.ObjectInUse:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1)


def _terminate(admin: Any, dbname: str) -> None:
    admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
        (dbname,),
    )


def lock_key(database: str) -> int:
    return int.from_bytes(hashlib.sha256(f"kaleo-dr restore {database}".encode()).digest()[:8], "big", signed=True)
