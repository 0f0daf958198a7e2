"""The roles and database settings a backup ships, read on the source and applied on a target.

``pg_dump`` writes one database's objects, their owners and their privileges, but not the
roles they name, nor the database's own privileges and settings (those come with
``--create`` only, and roles with ``pg_dumpall``). Without the roles a restore has to run
``--no-owner``: every object ends up owned by the restoring user, and every GRANT fails.
``pg_dumpall --roles-only`` cannot be used on RDS: it reads ``pg_authid`` (forbidden there)
and writes attributes only a superuser may set.

So ``backup create`` reads, in the dump's own snapshot, from catalogs RDS lets the master
user read (``pg_roles``, ``pg_auth_members``, ``pg_db_role_setting``, ``pg_database``):

* the roles, without passwords: LOGIN, INHERIT, CREATEDB, CREATEROLE, BYPASSRLS, CONNECTION
  LIMIT, VALID UNTIL. ``pg_*`` and ``rds*`` roles are left out (the server has its own), and
  so are superusers, except the master user (the role the backup connected as), which is
  shipped like any role: SUPERUSER and REPLICATION are never shipped or set;
* role memberships (``GRANT role TO member [WITH ADMIN OPTION]``) among those roles and
  into the predefined ``pg_*`` roles;
* ``ALTER ROLE ... SET``, ``ALTER ROLE ... IN DATABASE ... SET`` and ``ALTER DATABASE ... SET``;
* the database's owner and its privileges (``GRANT CONNECT/CREATE/TEMPORARY ON DATABASE``).

It is the file :data:`FILE_NAME` of the backup: listed in the manifest with its size and
sha256, so covered by the manifest's signature. ``restore`` applies it to the staging
database *before* the schema, so pg_restore restores owners and privileges as they were.

Applying is idempotent: a role that exists is altered, not created again (except the
role the restore connects as and the target's superusers: never altered). A password
comes only from ``restore.role_passwords`` (a secret reference or a Secret Manager secret
per role), is sent as a SCRAM-SHA-256 verifier computed here (the clear text is in no
statement, argv or log), and a LOGIN role without one is created without a password and
named in the result. Everything is built from the file's values with quoted identifiers
and literals, never run as SQL text from the backup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scripts.db import pgtools

FILE_NAME = "kaleo-roles.json"
FORMAT = "kaleo-dr-roles/1"

# The settings whose value is a list of (quoted) names: pg_dump's own list (dumputils.c).
LIST_SETTINGS = {
    "local_preload_libraries",
    "search_path",
    "session_preload_libraries",
    "shared_preload_libraries",
    "temp_tablespaces",
    "unix_socket_directories",
}
_SETTING_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
_LIST_ITEM = r'(?:"(?:[^"]|"")*"|[A-Za-z0-9_$.\-]+)'
_LIST_VALUE = re.compile(rf"^\s*{_LIST_ITEM}(?:\s*,\s*{_LIST_ITEM})*\s*$|^\s*$")
DATABASE_PRIVILEGES = {"CONNECT": "CONNECT", "CREATE": "CREATE", "TEMPORARY": "TEMPORARY"}

PasswordLookup = Callable[[str], str | None]  # role -> its password, None when none is configured


def shipped_role(name: str) -> bool:
    """Roles of the server itself (``pg_*``, RDS's ``rds*``) are never shipped nor created."""
    return not (name.startswith("pg_") or name.startswith("rds"))


@dataclass
class Role:
    name: str
    login: bool = False
    inherit: bool = True
    createdb: bool = False
    createrole: bool = False
    bypassrls: bool = False
    connection_limit: int = -1
    valid_until: str | None = None  # ISO timestamp, "infinity", or None (no limit)
    master: bool = False  # the role the backup connected as (the RDS master user)
    settings: list[str] = field(default_factory=list)  # ALTER ROLE ... SET (every database)


@dataclass
class Membership:
    role: str
    member: str
    admin_option: bool = False


@dataclass
class DatabaseGrant:
    grantee: str  # a role name, or "PUBLIC"
    privilege: str  # CONNECT, CREATE, TEMPORARY
    grantable: bool = False


@dataclass
class Globals:
    """What :data:`FILE_NAME` holds."""

    database: str
    owner: str
    master_user: str
    roles: list[Role] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    database_acl: list[DatabaseGrant] | None = None  # None: the default privileges (datacl NULL)
    database_settings: list[str] = field(default_factory=list)  # ALTER DATABASE ... SET
    role_database_settings: dict[str, list[str]] = field(default_factory=dict)  # ALTER ROLE r IN DATABASE SET
    format: str = FORMAT

    def to_json(self) -> str:
        from dataclasses import asdict

        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> Globals:
        """Parse and check the file; ``ValueError`` names what is wrong."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError(f"not a {FORMAT} document")
            data["roles"] = [Role(**r) for r in data.get("roles", [])]
            data["memberships"] = [Membership(**m) for m in data.get("memberships", [])]
            acl = data.get("database_acl")
            data["database_acl"] = None if acl is None else [DatabaseGrant(**g) for g in acl]
            out = cls(**data)
        except (TypeError, KeyError, json.JSONDecodeError) as exc:
            raise ValueError(str(exc)) from exc
        for grant in out.database_acl or []:
            if grant.privilege not in DATABASE_PRIVILEGES:
                raise ValueError(f"unknown database privilege {grant.privilege!r}")
        for setting in [
            *out.database_settings,
            *(s for r in out.roles for s in r.settings),
            *(s for v in out.role_database_settings.values() for s in v),
        ]:
            parse_setting(setting)
        return out


def parse_setting(text: str) -> tuple[str, str]:
    """``name=value`` of ``setconfig`` -> (name, the value as SQL for ``SET name TO ...``)."""
    name, sep, value = text.partition("=")
    if not sep or not _SETTING_NAME.match(name):
        raise ValueError(f"setting {text!r} is not name=value")
    if name.lower() in LIST_SETTINGS:
        # stored as the list it was set to, names already quoted where needed: kept as is
        if not _LIST_VALUE.match(value):
            raise ValueError(f"setting {name}: {value!r} is not a list of names")
        return name, value.strip() or "''"
    return name, "'" + value.replace("'", "''") + "'"


# -- the source -------------------------------------------------------------------------------


def read_globals(conn: Any) -> Globals:
    """The roles and settings as seen by ``conn`` (in the dump's snapshot), from catalogs RDS allows."""
    database, owner, master, acl_null = conn.execute(
        """SELECT current_database(), pg_get_userbyid(datdba), current_user, datacl IS NULL
           FROM pg_database WHERE datname = current_database()"""
    ).fetchone()
    roles: list[Role] = []
    for row in conn.execute(
        """SELECT rolname, rolsuper, rolcanlogin, rolinherit, rolcreatedb, rolcreaterole, rolbypassrls,
                  rolconnlimit, CASE WHEN rolvaliduntil = 'infinity' THEN 'infinity'
                                     ELSE to_char(rolvaliduntil AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END
           FROM pg_roles ORDER BY rolname"""
    ).fetchall():
        name, superuser = row[0], row[1]
        if not shipped_role(name) or (superuser and name != master):
            continue
        login, inherit, createdb, createrole, bypassrls, limit, until = row[2:9]
        roles.append(
            Role(name, login, inherit, createdb, createrole, bypassrls, int(limit), until, master=name == master)
        )
    names = {r.name for r in roles}
    memberships = [
        Membership(role, member, admin)
        for role, member, admin in conn.execute(
            """SELECT r.rolname, m.rolname, am.admin_option FROM pg_auth_members am
               JOIN pg_roles r ON r.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
               ORDER BY 1, 2"""
        ).fetchall()
        if member in names and (role in names or role.startswith("pg_"))
    ]
    acl: list[DatabaseGrant] | None = None
    if not acl_null:
        acl = [
            DatabaseGrant(grantee, privilege, grantable)
            for grantee, privilege, grantable in conn.execute(
                """SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,
                          a.privilege_type, a.is_grantable
                   FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = current_database()
                   ORDER BY 1, 2"""
            ).fetchall()
            if grantee == "PUBLIC" or grantee in names
        ]
    by_role = {r.name: r for r in roles}
    database_settings: list[str] = []
    role_database: dict[str, list[str]] = {}
    for role, in_database, config in conn.execute(
        """SELECT r.rolname, s.setdatabase <> 0, s.setconfig FROM pg_db_role_setting s
           LEFT JOIN pg_roles r ON r.oid = s.setrole
           WHERE s.setdatabase = 0
              OR s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())"""
    ).fetchall():
        config = list(config or [])
        if role is None:
            database_settings.extend(config)
        elif role in by_role and in_database:
            role_database.setdefault(role, []).extend(config)
        elif role in by_role:
            by_role[role].settings.extend(config)
    return Globals(database, owner, master, roles, memberships, acl, database_settings, role_database)


# -- the target -------------------------------------------------------------------------------


def _attributes(role: Role, existing: dict[str, Any] | None) -> list[str]:
    attrs = [
        "LOGIN" if role.login else "NOLOGIN",
        "INHERIT" if role.inherit else "NOINHERIT",
        "CREATEDB" if role.createdb else "NOCREATEDB",
        "CREATEROLE" if role.createrole else "NOCREATEROLE",
        f"CONNECTION LIMIT {int(role.connection_limit)}",
    ]
    if role.valid_until or existing is not None:  # an existing role's limit cannot be reset to none: infinity
        attrs.append(f"VALID UNTIL {_literal(role.valid_until or 'infinity')}")
    # BYPASSRLS takes a superuser to set either way: only said when it is wanted or has to change
    if role.bypassrls or (existing is not None and existing["rolbypassrls"]):
        attrs.append("BYPASSRLS" if role.bypassrls else "NOBYPASSRLS")
    return attrs


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _setting(name: str) -> str:
    return ".".join(pgtools.quote_ident(part) for part in name.split("."))


def apply_globals(
    conn: Any, database: str, shipped: Globals, password_for: PasswordLookup | None = None
) -> dict[str, Any]:
    """Create or alter the roles, then the database ``database``'s owner, privileges and settings.

    One transaction: all of it or nothing. Returns what was done, by role name."""
    q = pgtools.quote_ident
    report: dict[str, Any] = {
        "shipped": True,
        "created": [],
        "altered": [],
        "left_alone": [],
        "passwords_set": [],
        "login_without_password": [],
        "skipped_grants": [],
    }
    with conn.transaction():
        me = conn.execute("SELECT current_user").fetchone()[0]
        existing = {
            str(r[0]): {"rolsuper": r[1], "rolbypassrls": r[2]}
            for r in conn.execute("SELECT rolname, rolsuper, rolbypassrls FROM pg_roles").fetchall()
        }
        for role in shipped.roles:
            if not shipped_role(role.name):
                continue
            have = existing.get(role.name)
            if have is None:
                conn.execute(f"CREATE ROLE {q(role.name)} WITH {' '.join(_attributes(role, None))}")
                report["created"].append(role.name)
            elif role.name == me or have["rolsuper"]:
                report["left_alone"].append(role.name)  # never lock the restore (or a superuser) out
                continue
            else:
                conn.execute(f"ALTER ROLE {q(role.name)} WITH {' '.join(_attributes(role, have))}")
                report["altered"].append(role.name)
            password = password_for(role.name) if password_for is not None else None
            if password:
                verifier = conn.pgconn.encrypt_password(password.encode(), role.name.encode(), b"scram-sha-256")
                conn.execute(f"ALTER ROLE {q(role.name)} PASSWORD {_literal(verifier.decode())}")
                report["passwords_set"].append(role.name)
            elif role.login:
                report["login_without_password"].append(role.name)
            for setting in role.settings:
                name, value = parse_setting(setting)
                conn.execute(f"ALTER ROLE {q(role.name)} SET {_setting(name)} TO {value}")
        present = {str(r[0]) for r in conn.execute("SELECT rolname FROM pg_roles").fetchall()}
        for m in shipped.memberships:
            if m.role not in present or m.member not in present or m.role == m.member:
                report["skipped_grants"].append(f"{m.role} to {m.member}: role missing on the target")
                continue
            admin = " WITH ADMIN OPTION" if m.admin_option else ""
            conn.execute(f"GRANT {q(m.role)} TO {q(m.member)}{admin}")
        db = q(database)
        if shipped.owner in present:
            conn.execute(f"ALTER DATABASE {db} OWNER TO {q(shipped.owner)}")
        else:
            report["skipped_grants"].append(f"owner {shipped.owner}: role missing on the target")
        if shipped.database_acl is not None:
            conn.execute(f"REVOKE ALL ON DATABASE {db} FROM PUBLIC")
            for g in shipped.database_acl:
                if g.grantee != "PUBLIC" and g.grantee not in present:
                    report["skipped_grants"].append(f"{g.privilege} on the database to {g.grantee}: role missing")
                    continue
                grantee = "PUBLIC" if g.grantee == "PUBLIC" else q(g.grantee)
                option = " WITH GRANT OPTION" if g.grantable else ""
                conn.execute(f"GRANT {DATABASE_PRIVILEGES[g.privilege]} ON DATABASE {db} TO {grantee}{option}")
        for setting in shipped.database_settings:
            name, value = parse_setting(setting)
            conn.execute(f"ALTER DATABASE {db} SET {_setting(name)} TO {value}")
        for role_name, settings in shipped.role_database_settings.items():
            if role_name not in present:
                continue
            for setting in settings:
                name, value = parse_setting(setting)
                conn.execute(f"ALTER ROLE {q(role_name)} IN DATABASE {db} SET {_setting(name)} TO {value}")
    return report
