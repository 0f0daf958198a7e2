"""The restore's own loader: reading toc.dat, planning the jobs, running them on a real server.

A real pg_dump archive of a small schema is read by :mod:`scripts.db.pgtoc` and compared with
``pg_restore -l``; :mod:`scripts.db.load` plans and runs its data and index jobs against a
real PostgreSQL.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
import pytest

from scripts.db import pgtoc, pgtools
from scripts.db.inventory import row_counts
from scripts.db.load import finale
from scripts.db.load.copy import FREEZE_MIN_BYTES
from scripts.db.load.cost import FK_ROW_COST, JOB_COST, ROW_COST, build_cost, value_cost
from scripts.db.load.finale import ACL_DESCS, plan_finale
from scripts.db.load.jobs import EXCLUSIVE, SHARE, Job, _name
from scripts.db.load.plan import ANALYZE, KEY_INDEX_ID, _set_chains, has_expression, index_keys, key_as_index, plan_load
from scripts.db.load.run import LoadError, run_load, session_sql
from scripts.db.load.scheduler import TINY_WORK, Scheduler, is_tiny
from scripts.db.pgtoc import SECTION_DATA, SECTION_POST_DATA, SECTION_PRE_DATA, Entry, Toc
from scripts.db.restore.errors import BadBackup, Undecodable
from scripts.db.restore.inflate import INFLATE_PIECE, inflate, zlib_module
from scripts.standins.localsvc import PgCluster

SCHEMA = """
CREATE TABLE parent (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE docs (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent(id), body jsonb, tags text[]);
CREATE INDEX docs_parent_idx ON docs (parent_id);
CREATE UNIQUE INDEX docs_body_key ON docs ((body ->> 'k'));
CREATE TABLE plain_rows (n int, label text);
CREATE TABLE events (id int, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX events_at_idx ON events (at);
CREATE SEQUENCE counter START 7;
SELECT setval('counter', 41);
INSERT INTO parent SELECT g, 'p' || g FROM generate_series(1, 300) g;
INSERT INTO docs SELECT g, 1 + g % 300, jsonb_build_object('k', g), ARRAY['a', 'b']
  FROM generate_series(1, 2000) g;
INSERT INTO plain_rows SELECT g, 'row ' || g FROM generate_series(1, 500) g;
INSERT INTO events SELECT g, date '2025-01-01' + g % 300 FROM generate_series(1, 100) g;
"""


def _dump(pg: PgCluster, db: str, schema: str, out: Path) -> Path:
    """A fresh database ``db`` made by ``schema``, dumped with ``pg_dump -Fd -Z1`` into ``out``."""
    pg.psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    pg.psql(f"CREATE DATABASE {db}")
    pg.psql(schema, db)
    subprocess.run(
        [str(pg.bin_dir / "pg_dump"), "-Fd", "-Z1", "-f", str(out), pg.dsn(db)],
        env=pg.env(),
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def archive(pg: PgCluster, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _dump(pg, "pgload_src", SCHEMA, tmp_path_factory.mktemp("pgload") / "dump")


def _listing(pg: PgCluster, dump: Path) -> list[tuple[int, str]]:
    out = subprocess.run(
        [str(pg.bin_dir / "pg_restore"), "-l", str(dump)], capture_output=True, text=True, check=True
    ).stdout
    rows = []
    for line in out.splitlines():
        if line.startswith(";") or not line.strip():
            continue
        dump_id, rest = line.split(";", 1)
        rows.append((int(dump_id), rest))
    return rows


def test_toc_reader_reads_every_entry_pg_restore_lists(pg: PgCluster, archive: Path) -> None:
    toc = pgtoc.read_toc(archive / "toc.dat")

    listed = _listing(pg, archive)
    ours = {e.dump_id: e for e in toc.entries}
    assert listed, "pg_restore listed nothing: the comparison would prove nothing"
    for dump_id, rest in listed:
        entry = ours[dump_id]
        assert f" {entry.desc} " in rest and rest.rstrip().endswith(entry.owner), rest
    assert toc.version >= (1, 14, 0) and toc.compression == "gzip" and toc.database == "pgload_src"
    data = {e.tag: e for e in toc.entries if e.desc == "TABLE DATA"}
    assert data["docs"].copy_stmt.startswith("COPY public.docs (id, parent_id, body, tags) FROM stdin;")
    assert data["docs"].filename == f"{data['docs'].dump_id}.dat" and data["docs"].section == SECTION_DATA
    tables = {e.tag: e.dump_id for e in toc.entries if e.desc == "TABLE"}
    fk = next(e for e in toc.entries if e.desc == "FK CONSTRAINT")
    pk = next(e for e in toc.entries if e.desc == "CONSTRAINT" and e.tag == "parent parent_pkey")
    assert {tables["docs"], tables["parent"], pk.dump_id} <= set(fk.deps)
    assert "FOREIGN KEY (parent_id) REFERENCES public.parent(id)" in fk.defn


def test_toc_reader_refuses_what_is_not_a_toc(archive: Path) -> None:
    data = (archive / "toc.dat").read_bytes()
    with pytest.raises(pgtoc.TocError, match="PGDMP"):
        pgtoc.parse_toc(b"PK\x03\x04" + data[4:])
    with pytest.raises(pgtoc.TocError, match="too early"):
        pgtoc.parse_toc(data[: len(data) // 2])


def _entry(dump_id: int, desc: str, section: int, tag: str, deps: tuple[int, ...] = (), defn: str = "") -> Entry:
    copy = f"COPY public.{tag} (a) FROM stdin;\n" if desc == "TABLE DATA" else ""
    filename = f"{dump_id}.dat" if desc == "TABLE DATA" else None
    return Entry(dump_id, desc == "TABLE DATA", tag, desc, section, defn, copy, "public", "", "me", deps, filename)


def _toc(*entries: Entry) -> Toc:
    return Toc((1, 14, 0), "gzip", "db", "15", entries)


def test_plan_runs_data_and_index_jobs_and_leaves_the_rest_to_pg_restore() -> None:
    toc = _toc(
        _entry(1, "TABLE", SECTION_PRE_DATA, "a", defn="CREATE TABLE public.a (\n    a jsonb\n);"),
        _entry(2, "TABLE", SECTION_PRE_DATA, "b", defn="CREATE TABLE public.b (\n    a integer\n);"),
        _entry(10, "TABLE DATA", SECTION_DATA, "a", (1,)),
        _entry(11, "TABLE DATA", SECTION_DATA, "b", (2,)),
        _entry(12, "SEQUENCE SET", SECTION_DATA, "s"),
        _entry(20, "CONSTRAINT", SECTION_POST_DATA, "a a_pkey", (1,)),
        _entry(21, "FK CONSTRAINT", SECTION_POST_DATA, "b b_fkey", (2, 1, 20)),
        _entry(22, "INDEX ATTACH", SECTION_POST_DATA, "a_part_idx", (20,)),
        _entry(23, "CONSTRAINT", SECTION_POST_DATA, "b needs attach", (2, 22)),
        _entry(24, "FK CONSTRAINT", SECTION_POST_DATA, "b needs 23", (2, 23)),
        _entry(25, "TRIGGER", SECTION_POST_DATA, "a trg", (1,)),
    )
    sizes = {10: 10_000_000, 11: 10_000_000}
    plan = plan_load(toc, {10: 1_000_000, 11: 1_000_000}, sizes, merge_below=0, finale=False)

    assert set(plan.jobs) == {10, 11, 20, 21, -1, -2}  # -1, -2: the tables' ANALYZE jobs
    assert plan.jobs[20].waits == {10}
    assert plan.jobs[-1].waits == {10} and plan.jobs[-2].waits == {11}
    assert plan.jobs[-1].entry.defn == 'ANALYZE "public"."a";\n'
    assert set(plan_load(toc, {}, {10: 1, 11: 1}, analyze=False, merge_below=0, finale=False).jobs) == {
        10,
        11,
        20,
        21,
    }
    assert plan.jobs[21].waits == {10, 11, 20}
    # what depends on pg_restore's part (directly or through another entry) is pg_restore's
    assert [e.dump_id for e in plan.rest] == [12, 22, 23, 24, 25]
    # the jsonb table costs more per row than the integer one: it starts first
    assert plan.jobs[10].chain > plan.jobs[11].chain


def _finale_toc(*extra: Entry) -> Toc:
    """Two partition trees (p with p1, p2; q with q1), a plain table t, and what is left after
    their loads: index attachments, triggers, a sequence value, a comment, ACLs."""
    tables = [
        _entry(
            1, "TABLE", SECTION_PRE_DATA, "p", defn="CREATE TABLE public.p (\n    a integer\n)\nPARTITION BY RANGE (a);"
        ),
        _entry(2, "TABLE", SECTION_PRE_DATA, "p1", defn="CREATE TABLE public.p1 (\n    a integer\n);"),
        _entry(3, "TABLE", SECTION_PRE_DATA, "p2", defn="CREATE TABLE public.p2 (\n    a integer\n);"),
        _entry(
            4, "TABLE", SECTION_PRE_DATA, "q", defn="CREATE TABLE public.q (\n    a integer\n)\nPARTITION BY RANGE (a);"
        ),
        _entry(5, "TABLE", SECTION_PRE_DATA, "q1", defn="CREATE TABLE public.q1 (\n    a integer\n);"),
        _entry(6, "TABLE", SECTION_PRE_DATA, "t", defn="CREATE TABLE public.t (\n    a integer\n);"),
        _entry(7, "TABLE ATTACH", SECTION_PRE_DATA, "p1", (1, 2), "ALTER TABLE ONLY public.p ATTACH PARTITION ..."),
        _entry(8, "TABLE ATTACH", SECTION_PRE_DATA, "p2", (1, 3), "ALTER TABLE ONLY public.p ATTACH PARTITION ..."),
        _entry(9, "TABLE ATTACH", SECTION_PRE_DATA, "q1", (4, 5), "ALTER TABLE ONLY public.q ATTACH PARTITION ..."),
        _entry(10, "SEQUENCE", SECTION_PRE_DATA, "s", defn="CREATE SEQUENCE public.s;"),
    ]
    data = [_entry(11 + n, "TABLE DATA", SECTION_DATA, t.tag, (t.dump_id,)) for n, t in enumerate(tables[1:6])]
    post = [
        _entry(20, "SEQUENCE SET", SECTION_DATA, "s", (10,), "SELECT pg_catalog.setval('public.s', 5, true);"),
        _entry(21, "INDEX", SECTION_POST_DATA, "p_a_idx", (1,), "CREATE INDEX p_a_idx ON ONLY public.p (a);"),
        _entry(22, "INDEX", SECTION_POST_DATA, "p1_a_idx", (2,), "CREATE INDEX p1_a_idx ON public.p1 (a);"),
        _entry(23, "INDEX ATTACH", SECTION_POST_DATA, "p1_a_idx", (21, 22), "ALTER INDEX public.p_a_idx ATTACH ..."),
        _entry(24, "TRIGGER", SECTION_POST_DATA, "q trg", (4,), "CREATE TRIGGER trg ... ON public.q ..."),
        _entry(25, "COMMENT", 1, "TRIGGER trg ON q", (24,), "COMMENT ON TRIGGER trg ON public.q IS 'x';"),
        _entry(26, "TRIGGER", SECTION_POST_DATA, "t trg", (6,), "CREATE TRIGGER trg ... ON public.t ..."),
        _entry(27, "ACL", 1, "TABLE p", (1,), "GRANT SELECT ON TABLE public.p TO r;"),
        _entry(28, "ACL", 1, "TABLE t", (6,), "GRANT SELECT ON TABLE public.t TO r;"),
    ]
    return _toc(*tables, *data, *post, *extra)


def test_the_finale_runs_whats_left_in_pg_restores_passes_on_groups_that_lock_apart() -> None:
    toc = _finale_toc()
    sizes = {e.dump_id: 1000 for e in toc.entries if e.desc == "TABLE DATA"}
    plan = plan_load(toc, {}, sizes, merge_below=0)

    assert plan.rest == []  # no pg_restore afterwards
    finale = {i: j for i, j in plan.jobs.items() if j.kind == "batch"}
    ran_by_loader = {i for i, j in plan.jobs.items() if j.kind != "batch"} | {
        e.dump_id for j in plan.jobs.values() if j.kind != "batch" for e in j.after
    }
    # the indexes ran in the load; what the load left is the finale's, every entry once
    assert {21, 22} <= ran_by_loader and {e.dump_id for e in plan.finale} == {20, 23, 24, 25, 26, 27, 28}
    main = [j for j in finale.values() if not {e.desc for e in j.after} <= ACL_DESCS]
    acl = [j for j in finale.values() if {e.desc for e in j.after} <= ACL_DESCS]
    loader = set(plan.jobs) - set(finale)
    # small groups are packed into one job; the sequence value among them reaches no table, so
    # that job waits for the whole load; the ACLs (pg_restore's ACL pass) wait for everything else
    assert len(main) == 1 and main[0].waits == loader
    assert [e.dump_id for j in acl for e in j.after] == [27, 28]
    assert all(j.waits == loader | {i for i, m in finale.items() if m in main} for j in acl)
    # a finale job holds its tables exclusively (nothing else may run on them beside it), and
    # its priority is its own cost: the load's priorities are not disturbed
    assert set(main[0].locks) == {1, 2, 3, 4, 5, 6} and set(main[0].locks.values()) == {EXCLUSIVE}
    assert all(j.chain == j.cost for j in finale.values())
    # what pg_restore's listing leaves out (it skips the database's own ACLs without -C) is not run
    listed = {e.dump_id for e in toc.entries} - {28}
    assert 28 not in {e.dump_id for e in plan_load(toc, {}, sizes, merge_below=0, listed=listed).finale}


def test_the_finale_groups_entries_by_partition_tree_and_keeps_toc_order_within() -> None:
    toc = _finale_toc()
    rest = [e for e in toc.entries if e.dump_id in (20, 23, 24, 25, 26, 27, 28)]
    small = finale.FINALE_BATCH
    try:
        finale.FINALE_BATCH = 1  # a job per group: the grouping shows
        loader = {  # the load's jobs: p1's COPY, t's COPY, and one that locks no table
            11: Job(toc.by_id()[11], "data", 1.0, locks={2: EXCLUSIVE}),
            15: Job(toc.by_id()[15], "data", 1.0, locks={6: EXCLUSIVE}),
            99: Job(toc.by_id()[20], "sql", 1.0),
        }
        jobs = plan_finale(toc, rest, loader)
    finally:
        finale.FINALE_BATCH = small
    assert jobs is not None
    groups = {tuple(e.dump_id for e in j.after): j for j in jobs.values() if j.after[0].desc != "ACL"}
    # the trigger on q and its comment together, in TOC order; the index attachment (p's tree),
    # the sequence value and t's trigger each apart: no two groups lock the same table
    assert sorted(groups) == [(20,), (23,), (24, 25), (26,)]
    # each group waits only for the load's jobs on its own tables (p's tree: p1's COPY), so it
    # starts beside the rest of the load; the sequence value reaches no table: the whole load
    assert groups[(23,)].waits == {11} and set(groups[(23,)].locks) == {1, 2, 3}
    assert groups[(26,)].waits == {15} and groups[(24, 25)].waits == set()
    assert groups[(20,)].waits == {11, 15, 99}
    acl = [j for j in jobs.values() if j.after[0].desc == "ACL"]
    assert acl and all(j.waits == {11, 15, 99} | {i for i, g in jobs.items() if g in groups.values()} for j in acl)


def test_a_finale_group_that_waits_for_its_own_tables_raises_their_priority(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(finale, "FINALE_BATCH", 1)  # a job per group
    # q's trigger and its comment left out: q1's load is then waited for by no finale group
    toc = _toc(*(e for e in _finale_toc().entries if e.dump_id not in (24, 25)))
    sizes = {e.dump_id: 1000 for e in toc.entries if e.desc == "TABLE DATA"}
    plan = plan_load(toc, {}, sizes, merge_below=0)
    without = plan_load(toc, {}, sizes, merge_below=0, finale=False)
    group = {tuple(e.dump_id for e in j.after): j for j in plan.jobs.values() if j.kind == "batch"}
    attach, sequence = group[(23,)], group[(20,)]
    # p1's load (11) is waited for by p's index attachment: its chain carries the attachment's cost,
    # so p's tree is done early enough for the attachment to run beside the rest of the load
    assert plan.jobs[11].chain >= without.jobs[11].chain + attach.cost
    # what waits for the whole load (the sequence value, the ACLs) adds nothing to any job's chain
    assert plan.jobs[14].chain == pytest.approx(without.jobs[14].chain)
    assert sequence.chain == sequence.cost and group[(27,)].chain == group[(27,)].cost


def test_the_finale_leaves_everything_to_pg_restore_when_one_entry_is_not_a_plain_statement() -> None:
    for odd in (
        _entry(40, "BLOBS", SECTION_DATA, "BLOBS", (), ""),
        _entry(41, "MATERIALIZED VIEW DATA", SECTION_POST_DATA, "mv", (), "REFRESH MATERIALIZED VIEW public.mv;"),
        _entry(42, "EVENT TRIGGER", SECTION_POST_DATA, "et", (), "CREATE EVENT TRIGGER et ..."),
        _entry(43, "COMMENT", 1, "EVENT TRIGGER et", (), "COMMENT ON EVENT TRIGGER et IS 'x';"),
    ):
        toc = _finale_toc(odd)
        sizes = {e.dump_id: 1000 for e in toc.entries if e.desc == "TABLE DATA"}
        plan = plan_load(toc, {}, sizes, merge_below=0)
        assert not plan.finale, odd.desc
        assert {e.dump_id for e in plan.rest} == {20, 23, 24, 25, 26, 27, 28, odd.dump_id}, odd.desc


def test_jobs_know_which_table_locks_conflict() -> None:
    toc = _toc(
        _entry(1, "TABLE", SECTION_PRE_DATA, "a", defn="CREATE TABLE public.a (\n    id integer\n);"),
        _entry(2, "TABLE", SECTION_PRE_DATA, "b", defn="CREATE TABLE public.b (\n    a integer\n);"),
        _entry(10, "TABLE DATA", SECTION_DATA, "a", (1,)),
        _entry(11, "TABLE DATA", SECTION_DATA, "b", (2,)),
        _entry(20, "CONSTRAINT", SECTION_POST_DATA, "a a_pkey", (1,)),
        _entry(21, "FK CONSTRAINT", SECTION_POST_DATA, "b b_fkey", (2, 1, 20)),
        _entry(22, "INDEX", SECTION_POST_DATA, "a_x_idx", (1,)),
        _entry(23, "INDEX", SECTION_POST_DATA, "a_y_idx", (1,)),
        _entry(24, "INDEX", SECTION_POST_DATA, "b_a_idx", (2,)),
    )
    jobs = plan_load(toc, {10: 10, 11: 10}, {10: 100, 11: 100}, merge_below=0).jobs

    assert jobs[22].locks == {1: SHARE} and jobs[20].locks == {1: EXCLUSIVE}
    assert jobs[21].locks == {1: EXCLUSIVE, 2: EXCLUSIVE}  # an FK locks both of its tables
    assert not jobs[22].conflicts(jobs[23])  # index builds on one table run side by side
    assert jobs[22].conflicts(jobs[20]) and jobs[20].conflicts(jobs[22])  # not beside ADD CONSTRAINT
    assert jobs[21].conflicts(jobs[22]) and jobs[21].conflicts(jobs[24])  # nor beside an FK of either table
    assert not jobs[20].conflicts(jobs[24])  # other tables: no conflict
    assert jobs[10].conflicts(jobs[22])  # the load empties its table first


def test_analyze_waits_for_the_data_it_samples_and_the_expression_indexes_it_reads() -> None:
    table = "CREATE TABLE public.{} (\n    a integer\n){};"
    toc = _toc(
        _entry(1, "TABLE", SECTION_PRE_DATA, "plain", defn=table.format("plain", "")),
        _entry(2, "TABLE", SECTION_PRE_DATA, "root", defn=table.format("root", "\nPARTITION BY RANGE (a)")),
        _entry(3, "TABLE", SECTION_PRE_DATA, "mid", (2,), defn=table.format("mid", "\nPARTITION BY LIST (a)")),
        _entry(4, "TABLE", SECTION_PRE_DATA, "leaf1", (3,), defn=table.format("leaf1", "")),
        _entry(5, "TABLE", SECTION_PRE_DATA, "leaf2", (2,), defn=table.format("leaf2", "")),
        _entry(6, "TABLE", SECTION_PRE_DATA, "later", defn=table.format("later", "")),
        _entry(7, "TABLE", SECTION_PRE_DATA, "empty", defn=table.format("empty", "")),
        _entry(8, "TABLE", SECTION_PRE_DATA, "kid", (1,), defn=table.format("kid", "\nINHERITS (public.plain)")),
        _entry(30, "TABLE ATTACH", SECTION_PRE_DATA, "mid", (3, 2)),
        _entry(31, "TABLE ATTACH", SECTION_PRE_DATA, "leaf1", (4, 3)),
        _entry(32, "TABLE ATTACH", SECTION_PRE_DATA, "leaf2", (2, 5)),
        _entry(10, "TABLE DATA", SECTION_DATA, "plain", (1,)),
        _entry(11, "TABLE DATA", SECTION_DATA, "leaf1", (4,)),
        _entry(12, "TABLE DATA", SECTION_DATA, "leaf2", (5,)),
        _entry(13, "TABLE DATA", SECTION_DATA, "later", (6,)),
        _entry(14, "TABLE DATA", SECTION_DATA, "kid", (8,)),
        _entry(20, "INDEX", SECTION_POST_DATA, "plain_a_idx", (1,), "CREATE INDEX i ON public.plain USING btree (a);"),
        _entry(21, "INDEX", SECTION_POST_DATA, "plain_f", (1,), "CREATE INDEX i ON public.plain USING btree (abs(a));"),
        _entry(
            22, "INDEX", SECTION_POST_DATA, "leaf1_e", (4,), "CREATE INDEX i ON public.leaf1 USING btree (((a + 1)));"
        ),
        _entry(23, "CONSTRAINT", SECTION_POST_DATA, "plain pk", (1,), "ALTER TABLE public.plain ADD PRIMARY KEY (a);"),
    )
    # "later"'s data is not loaded here (pg_restore's last run loads it): no ANALYZE job for it
    jobs = plan_load(toc, {}, {10: 1, 11: 1, 12: 1, 14: 1}, merge_below=0).jobs
    analyzed = {-i: j for i, j in jobs.items() if j.entry.desc == ANALYZE}

    # partitions are analyzed by their root's ANALYZE, once every partition's data is in
    assert set(analyzed) == {1, 2, 7, 8}
    assert analyzed[2].waits == {11, 12, 22}
    assert analyzed[2].locks == {2: EXCLUSIVE, 3: EXCLUSIVE, 4: EXCLUSIVE, 5: EXCLUSIVE}
    # an inheritance parent samples its child's rows too; only the expression index is waited for
    assert analyzed[1].waits == {10, 14, 21}
    assert analyzed[1].locks == {1: EXCLUSIVE, 8: SHARE}
    assert analyzed[7].waits == set() and analyzed[8].waits == {14}
    assert all(a.conflicts(jobs[20]) for a in (analyzed[1],))  # ANALYZE and CREATE INDEX exclude each other


def test_index_keys_tell_columns_from_expressions() -> None:
    def entry(defn: str) -> Entry:
        return _entry(1, "INDEX", SECTION_POST_DATA, "i", defn=defn)

    assert index_keys("CREATE INDEX i ON public.t USING btree (a, lower(b)) WHERE (c > 0);") == ["a", "lower(b)"]
    assert index_keys('CREATE INDEX i ON public.t USING btree ("a,(b", c DESC);') == ['"a,(b"', "c DESC"]
    assert has_expression(entry("CREATE INDEX i ON public.t USING btree (a, lower(b)) WHERE (c > 0);"))
    assert has_expression(entry("CREATE INDEX i ON ONLY public.t USING btree (((at + 1)));"))
    assert not has_expression(entry("CREATE INDEX i ON public.t USING btree (a) WHERE (b > 0);"))
    assert not has_expression(entry('CREATE INDEX i ON public.t USING gin ("x(y)" jsonb_path_ops);'))


def test_keys_are_built_as_unique_indexes_beside_the_other_builds_then_attached() -> None:
    def constraint(defn: str) -> Entry:
        return _entry(20, "CONSTRAINT", SECTION_POST_DATA, "t t_pkey", (1,), defn)

    pk = constraint("ALTER TABLE ONLY public.t\n    ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n")
    split = key_as_index(pk)
    assert split is not None
    index, attach = split
    assert index.defn == "CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id);\n" and index.desc == "INDEX"
    assert attach.defn == "ALTER TABLE ONLY public.t\n    ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey;\n"
    assert attach.dump_id == 20 and index.deps == attach.deps == (1,)
    unique = constraint(
        "ALTER TABLE ONLY public.t\n    ADD CONSTRAINT t_a_key UNIQUE (a, b) INCLUDE (c) WITH (fillfactor='70');\n"
    )
    split = key_as_index(unique)
    assert split is not None
    assert (
        split[0].defn
        == "CREATE UNIQUE INDEX t_a_key ON public.t USING btree (a, b) INCLUDE (c) WITH (fillfactor='70');\n"
    )
    # what USING INDEX cannot take, or a form this does not know, runs as pg_dump wrote it
    for defn in (
        "ALTER TABLE ONLY public.t\n    ADD CONSTRAINT k UNIQUE (a) DEFERRABLE INITIALLY DEFERRED;\n",
        "ALTER TABLE ONLY public.t\n    ADD CONSTRAINT k UNIQUE NULLS NOT DISTINCT (a);\n",
        "ALTER TABLE ONLY public.t\n    ADD CONSTRAINT k EXCLUDE USING gist (a WITH &&);\n",
        'ALTER TABLE ONLY public."a b"\n    ADD CONSTRAINT k PRIMARY KEY (id);\n',
    ):
        assert key_as_index(constraint(defn)) is None, defn

    toc = _toc(
        _entry(1, "TABLE", SECTION_PRE_DATA, "t", defn="CREATE TABLE public.t (\n    id integer NOT NULL\n);"),
        _entry(10, "TABLE DATA", SECTION_DATA, "t", (1,)),
        pk,
        _entry(21, "INDEX", SECTION_POST_DATA, "t_x_idx", (1,), "CREATE INDEX t_x_idx ON public.t USING btree (x);"),
        _entry(22, "FK CONSTRAINT", SECTION_POST_DATA, "u u_fkey", (1, 20)),
    )
    jobs = plan_load(toc, {10: 1000}, {10: 10_000}, merge_below=0).jobs
    key_index = KEY_INDEX_ID - 20
    assert jobs[key_index].waits == {10} and jobs[20].waits == {10, key_index}
    assert not jobs[key_index].conflicts(jobs[21])  # the key's index builds beside the other index
    assert jobs[20].conflicts(jobs[21]) and jobs[22].waits == {10, 20}  # the FK still waits for the key


def test_value_cost_reads_column_types_from_create_table() -> None:
    narrow = value_cost('CREATE TABLE public.t (\n    id bigint NOT NULL,\n    "a b" integer\n);')
    heavy = value_cost(
        "CREATE TABLE public.t (\n    id bigint NOT NULL,\n    doc jsonb,\n    CONSTRAINT c CHECK (true)\n);"
    )
    assert heavy > narrow > ROW_COST


def _connect(pg: PgCluster, db: str) -> psycopg.Connection:
    return pgtools.connect(pg.dsn(db), pg.password)


def _prepare(pg: PgCluster, archive: Path, db: str) -> pgtoc.Toc:
    pg.psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    pg.psql(f"CREATE DATABASE {db}")
    subprocess.run(
        [str(pg.bin_dir / "pg_restore"), "--section=pre-data", "-d", pg.dsn(db), str(archive)],
        env=pg.env(),
        check=True,
        capture_output=True,
    )
    return pgtoc.read_toc(archive / "toc.dat")


def _sources(archive: Path, toc: pgtoc.Toc, times: int = 1) -> dict[int, bytes]:
    out = {}
    for e in toc.entries:
        if e.desc == "TABLE DATA":
            data = gzip.decompress((archive / f"{e.filename}.gz").read_bytes())
            body = data.split(b"\\.\n", 1)[0]
            out[e.dump_id] = body * times
    return out


def test_load_runs_the_plan_on_a_real_server_longest_chain_first(pg: PgCluster, archive: Path) -> None:
    toc = _prepare(pg, archive, "pgload_dst")
    data = _sources(archive, toc)
    rows = {e.dump_id: data[e.dump_id].count(b"\n") for e in toc.entries if e.desc == "TABLE DATA"}
    plan = plan_load(toc, rows, {i: len(b) for i, b in data.items()}, merge_below=0)
    done: list[str] = []

    result = run_load(
        plan,
        lambda: _connect(pg, "pgload_dst"),
        1,
        lambda job: iter([data[job.entry.dump_id]]),
        session_sql(toc),
        threading.Event(),
        lambda job, n: done.append(job.entry.tag),
    )

    by_tag = {e.dump_id: e.tag for e in toc.entries}
    assert {by_tag[i]: n for i, n in result.rows.items()} == {
        "parent": 300,
        "docs": 2000,
        "plain_rows": 500,
        "events_2025": 100,
    }
    # one worker: the order is the plan's; the jsonb table with two indexes and a foreign key first
    assert done[0] == "docs"
    assert next(t.name for t in result.timeline if t.desc == "TABLE DATA") == "public.docs"
    assert {t.desc for t in result.timeline} == {
        "TABLE DATA",
        "CONSTRAINT",
        "INDEX",
        "FK CONSTRAINT",
        "ANALYZE",
        "FINALE",
    }
    # ANALYZE collects the statistics of docs' expression index: it ran after that index was built
    at = {f"{t.desc} {t.name}": t for t in result.timeline}
    assert (
        at["ANALYZE public.docs"].start
        >= at["INDEX public.docs_body_key"].start + at["INDEX public.docs_body_key"].seconds
    )
    with closing(_connect(pg, "pgload_dst")) as conn:
        indexes = {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
        fks = conn.execute("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated").fetchone()
        analyzed = dict(conn.execute("SELECT relname, last_analyze IS NOT NULL FROM pg_stat_user_tables").fetchall())
        with_stats = {
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = 'public' AND null_frac IS NOT NULL"
            )
        }
        keys = conn.execute(
            """SELECT c.conname, i.indexrelid::regclass::text, i.indisprimary FROM pg_constraint c
               JOIN pg_index i ON i.indexrelid = c.conindid
               WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace ORDER BY 1"""
        ).fetchall()
    assert {"parent_pkey", "docs_pkey", "docs_parent_idx", "docs_body_key", "events_2025_at_idx"} <= indexes
    assert fks == (1,)
    # the primary keys were built as indexes, then attached: the same constraints on the same indexes
    assert keys == [("docs_pkey", "docs_pkey", True), ("parent_pkey", "parent_pkey", True)]
    # every table has planner statistics, the partitioned one's own (inheritance) statistics too
    assert analyzed == dict.fromkeys(["parent", "docs", "plain_rows", "events", "events_2025"], True)
    assert {"parent", "docs", "docs_body_key", "plain_rows", "events", "events_2025"} <= with_stats
    # what the load left (the partition index's attachment, the sequence's value) ran at its end
    assert plan.rest == [] and {"INDEX ATTACH", "SEQUENCE SET"} <= {e.desc for e in plan.finale}
    assert "FINALE" in {t.desc for t in result.timeline}
    with closing(_connect(pg, "pgload_dst")) as conn:
        attached = conn.execute(
            "SELECT count(*) FROM pg_inherits WHERE inhrelid = 'public.events_2025_at_idx'::regclass"
            " AND inhparent = 'public.events_at_idx'::regclass"
        ).fetchone()
        counter = conn.execute("SELECT last_value FROM public.counter").fetchone()
    assert attached == (1,) and counter == (41,)


def test_a_small_tables_builds_run_with_its_load_and_report_their_own_failure(pg: PgCluster, archive: Path) -> None:
    toc = _prepare(pg, archive, "pgload_merged")
    data = _sources(archive, toc)
    plan = plan_load(toc, {}, {i: len(b) for i, b in data.items()})
    by_tag = {j.entry.tag: j for j in plan.jobs.values() if j.kind == "data"}
    # docs' key, indexes and ANALYZE folded into its load, in an order that respects their waits
    assert [e.desc for e in by_tag["docs"].after].count("INDEX") == 3  # its key's index and its two indexes
    assert by_tag["docs"].after[-1].desc in ("ANALYZE", "CONSTRAINT")
    fk = next(j for j in plan.jobs.values() if j.entry.desc == "FK CONSTRAINT")
    assert fk.waits == {by_tag["docs"].entry.dump_id, by_tag["parent"].entry.dump_id}  # waits on the loads now
    folded = {e.dump_id for j in plan.jobs.values() for e in j.after}
    assert folded and not folded & {e.dump_id for e in plan.rest}  # run once: not left to pg_restore too

    result = run_load(
        plan,
        lambda: _connect(pg, "pgload_merged"),
        2,
        lambda job: iter([data[job.entry.dump_id]]),
        session_sql(toc),
        threading.Event(),
    )

    assert sorted(result.rows.values()) == [100, 300, 500, 2000]
    with closing(_connect(pg, "pgload_merged")) as conn:
        indexes = {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
        analyzed = conn.execute("SELECT count(*) FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL").fetchone()
    assert {"parent_pkey", "docs_pkey", "docs_parent_idx", "docs_body_key"} <= indexes
    assert analyzed == (5,)

    toc = _prepare(pg, archive, "pgload_merged_dup")
    doubled = _sources(archive, toc, times=2)  # the keys cannot be built: the failing build is named
    plan = plan_load(toc, {}, {i: len(b) for i, b in doubled.items()})
    with pytest.raises(LoadError) as exc:
        run_load(
            plan,
            lambda: _connect(pg, "pgload_merged_dup"),
            2,
            lambda job: iter([doubled[job.entry.dump_id]]),
            session_sql(toc),
            threading.Event(),
        )
    assert exc.value.entry.desc in ("INDEX", "CONSTRAINT") and str(exc.value).startswith(exc.value.entry.desc)
    # the builds went to the server in one batch, which failed as a whole; run again one by one,
    # the first build that cannot succeed is the one named
    first_unique = {
        next(e for e in j.after if "UNIQUE" in e.defn or e.desc == "CONSTRAINT").dump_id
        for j in plan.jobs.values()
        if j.kind == "data" and len(j.after) > 1
    }
    assert exc.value.entry.dump_id in first_unique


def test_only_tables_big_enough_are_emptied_and_loaded_with_freeze(pg: PgCluster, archive: Path) -> None:
    toc = _prepare(pg, archive, "pgload_freeze")
    data = _sources(archive, toc)
    docs = next(e.dump_id for e in toc.entries if e.desc == "TABLE DATA" and e.tag == "docs")
    sizes = {i: len(b) for i, b in data.items()} | {docs: FREEZE_MIN_BYTES}  # docs' size as estimated
    plan = plan_load(toc, {}, sizes, analyze=False)
    files = "SELECT relname, relfilenode FROM pg_class WHERE relname IN ('docs', 'parent')"
    with closing(_connect(pg, "pgload_freeze")) as conn:
        before = dict(conn.execute(files).fetchall())

    run_load(
        plan,
        lambda: _connect(pg, "pgload_freeze"),
        1,  # one worker: docs' load is not shared (a shared load has no FREEZE)
        lambda job: iter([data[job.entry.dump_id]]),
        session_sql(toc),
        threading.Event(),
    )

    with closing(_connect(pg, "pgload_freeze")) as conn:
        after = dict(conn.execute(files).fetchall())
        counts = conn.execute("SELECT (SELECT count(*) FROM docs), (SELECT count(*) FROM parent)").fetchone()
    # TRUNCATE gives a table a new file: docs was emptied first (then loaded WITH FREEZE), parent was not
    assert after["docs"] != before["docs"] and after["parent"] == before["parent"]
    assert counts == (2000, 300)


SHARED_SCHEMA = """
CREATE TABLE big (id bigint NOT NULL, body jsonb NOT NULL);
CREATE INDEX big_id_idx ON big (id);
INSERT INTO big SELECT g, jsonb_build_object('n', g) FROM generate_series(1, 40000) g;
"""


def _slow(data: bytes, pieces: int, fail: bool = False) -> Iterator[bytes]:
    """``data`` in pieces cut anywhere (not at line ends), slowly enough for an idle worker to join."""
    step = len(data) // pieces + 1
    for n in range(0, len(data), step):
        time.sleep(0.01)
        yield data[n : n + step]
        if fail and n > len(data) // 2:
            raise BadBackup("a file does not match the manifest", ["big.dat: sha256 differs"])


@pytest.fixture(scope="module")
def shared_dump(pg: PgCluster, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _dump(pg, "pgload_shared_src", SHARED_SCHEMA, tmp_path_factory.mktemp("shared") / "dump")


def test_idle_workers_join_the_load_of_the_table_everything_waits_for(pg: PgCluster, shared_dump: Path) -> None:
    toc = _prepare(pg, shared_dump, "pgload_shared")
    data = _sources(shared_dump, toc)
    (big,) = data
    plan = plan_load(toc, {big: 400_000}, {big: FREEZE_MIN_BYTES})  # as estimated
    done: list[int] = []

    result = run_load(
        plan,
        lambda: _connect(pg, "pgload_shared"),
        2,
        lambda job: _slow(data[job.entry.dump_id], 40),
        session_sql(toc),
        threading.Event(),
        lambda job, n: done.append(n),
    )

    assert result.shared == {"public.big": 2}  # the second worker loaded it too
    assert [t.name for t in result.timeline if t.desc == "TABLE DATA"] == ["public.big", "public.big (shared COPY)"]
    assert done == [40000] and result.rows == {big: 40000}
    with closing(_connect(pg, "pgload_shared")) as conn:
        row = conn.execute("SELECT count(*), count(DISTINCT id), sum(id) FROM big").fetchone()
        xids = conn.execute("SELECT count(DISTINCT xmin::text) FROM big").fetchone()
    assert row == (40000, 40000, 40000 * 40001 // 2)  # every row once, none cut in two
    assert xids == (2,)  # in two transactions, one per COPY


def test_a_failing_source_rolls_back_every_copy_of_a_shared_load(pg: PgCluster, shared_dump: Path) -> None:
    toc = _prepare(pg, shared_dump, "pgload_shared_bad")
    data = _sources(shared_dump, toc)
    (big,) = data
    plan = plan_load(toc, {big: 400_000}, {big: FREEZE_MIN_BYTES})  # as estimated

    with pytest.raises(LoadError) as exc:
        run_load(
            plan,
            lambda: _connect(pg, "pgload_shared_bad"),
            2,
            lambda job: _slow(data[job.entry.dump_id], 40, fail=True),
            session_sql(toc),
            threading.Event(),
        )

    assert isinstance(exc.value.cause, BadBackup)
    with closing(_connect(pg, "pgload_shared_bad")) as conn:
        assert conn.execute("SELECT count(*) FROM big").fetchone() == (0,)


def test_a_failing_job_stops_the_load_and_names_its_entry(pg: PgCluster, archive: Path) -> None:
    toc = _prepare(pg, archive, "pgload_dup")
    data = _sources(archive, toc, times=2)  # every row twice: the primary keys cannot be built
    plan = plan_load(toc, {}, {i: len(b) for i, b in data.items()})

    with pytest.raises(LoadError) as exc:
        run_load(
            plan,
            lambda: _connect(pg, "pgload_dup"),
            2,
            lambda job: iter([data[job.entry.dump_id]]),
            session_sql(toc),
            threading.Event(),
        )

    assert exc.value.entry.desc in ("CONSTRAINT", "INDEX")
    assert isinstance(exc.value.cause, psycopg.errors.UniqueViolation)
    assert str(exc.value).startswith(f"{exc.value.entry.desc} public.")


def test_a_source_that_fails_rolls_its_copy_back(pg: PgCluster, archive: Path) -> None:
    toc = _prepare(pg, archive, "pgload_bad")
    data = _sources(archive, toc)
    plan = plan_load(toc, {}, {i: len(b) for i, b in data.items()})

    def source(job: Job) -> Iterator[bytes]:
        yield data[job.entry.dump_id][:100]
        raise BadBackup("a file does not match the manifest", [f"{job.entry.filename}: sha256 differs"])

    with pytest.raises(LoadError) as exc:
        run_load(plan, lambda: _connect(pg, "pgload_bad"), 2, source, session_sql(toc), threading.Event())

    assert isinstance(exc.value.cause, BadBackup)
    with closing(_connect(pg, "pgload_bad")) as conn:
        counts = row_counts(conn)
    assert counts and set(counts.values()) == {0}, counts  # nothing of a bad file was committed


def test_inflate_uses_isa_l() -> None:
    # a declared dependency: without it restores fall back to zlib, about half as fast to inflate
    assert zlib_module().__name__ == "isal.isal_zlib"


def test_inflate_handles_several_gzip_members_and_refuses_a_truncated_stream() -> None:
    blob = gzip.compress(b"hello ") + gzip.compress(b"world\n")
    chunks = [blob[i : i + 7] for i in range(0, len(blob), 7)]
    assert b"".join(inflate(iter(chunks), "x.gz")) == b"hello world\n"
    with pytest.raises(Undecodable, match=r"x\.gz"):
        b"".join(inflate(iter([blob[:-10]]), "x.gz"))
    # large output comes in bounded pieces, across members and chunk boundaries
    big = os.urandom(1000).hex().encode() * 1500  # 3 MB that compresses well
    blob = gzip.compress(big, 1) + gzip.compress(b"tail\n")
    pieces = list(inflate(iter([blob[: len(blob) // 3], blob[len(blob) // 3 :]]), "x.gz"))
    assert b"".join(pieces) == big + b"tail\n"
    assert len(pieces) > 3 and max(len(p) for p in pieces) <= INFLATE_PIECE


def test_build_cost_reads_keys_and_expressions_from_the_definition() -> None:
    def index(defn: str, desc: str = "INDEX") -> Entry:
        return _entry(1, desc, SECTION_POST_DATA, "i", (), defn)

    plain = build_cost(index("CREATE INDEX i ON public.t USING btree (a);"))
    two_keys = build_cost(index("CREATE INDEX i ON public.t USING btree (a, b);"))
    expression = build_cost(index("CREATE INDEX i ON public.t USING btree (lower(a));"))
    on_jsonb = build_cost(index("CREATE INDEX i ON public.t USING btree (k, ((doc ->> 'total'::text)));"))
    pk = build_cost(index("ALTER TABLE ONLY public.t\n    ADD CONSTRAINT t_pkey PRIMARY KEY (id);", "CONSTRAINT"))
    assert on_jsonb > expression > two_keys > plain == pk
    fk = index(
        "ALTER TABLE ONLY public.t\n    ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES public.p(id);", "FK CONSTRAINT"
    )
    assert build_cost(fk) == FK_ROW_COST


LOCKS_SCHEMA = """
CREATE TABLE big (id bigint PRIMARY KEY, a int NOT NULL, b text NOT NULL, c int NOT NULL);
CREATE INDEX big_a_idx ON big (a);
CREATE INDEX big_b_idx ON big (b);
CREATE INDEX big_ca_idx ON big (c, a);
CREATE UNIQUE INDEX big_b_id_key ON big (b, id);
CREATE TABLE small (id bigint PRIMARY KEY, big_id bigint NOT NULL REFERENCES big (id));
CREATE INDEX small_big_idx ON small (big_id);
INSERT INTO big SELECT g, g % 1000, md5(g::text), g % 77 FROM generate_series(1, 200000) g;
INSERT INTO small SELECT g, 1 + g % 200000 FROM generate_series(1, 50000) g;
"""


def test_load_never_runs_jobs_whose_table_locks_conflict(pg: PgCluster, tmp_path: Path) -> None:
    """Jobs on one table mostly exclude each other (ADD CONSTRAINT, ADD FOREIGN KEY): run side
    by side, one would sit waiting for the other's lock with its core idle. Here any wait for
    a lock longer than lock_timeout fails the load."""
    dump = _dump(pg, "pgload_locks_src", LOCKS_SCHEMA, tmp_path / "dump")
    toc = _prepare(pg, dump, "pgload_locks")
    data = _sources(dump, toc)
    rows = {e.dump_id: data[e.dump_id].count(b"\n") for e in toc.entries if e.desc == "TABLE DATA"}
    plan = plan_load(toc, rows, {i: len(b) for i, b in data.items()}, merge_below=0)
    assert sum(1 for j in plan.jobs.values() if j.entry.tag.startswith("big")) >= 5

    result = run_load(
        plan,
        lambda: _connect(pg, "pgload_locks"),
        3,
        lambda job: iter([data[job.entry.dump_id]]),
        session_sql(toc) + "SET lock_timeout = '30ms';\n",
        threading.Event(),
    )

    own = [t for t in result.timeline if not t.name.endswith(" (shared COPY)")]  # helpers of a shared load aside
    assert len(own) == len(plan.jobs)
    by_name = {f"{j.entry.desc} {_name(j.entry)}": j for j in plan.jobs.values()}
    spans = [(t.start, t.start + t.seconds, by_name[f"{t.desc} {t.name}"]) for t in own]
    side_by_side = 0
    for n, (s1, e1, j1) in enumerate(spans):
        for s2, e2, j2 in spans[n + 1 :]:
            if s1 < e2 and s2 < e1:
                side_by_side += 1
                assert not j1.conflicts(j2), (j1.entry.tag, j2.entry.tag)
    assert side_by_side, "no two jobs ran at once: the test proved nothing"
    with closing(_connect(pg, "pgload_locks")) as conn:
        built = conn.execute("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'").fetchone()
    assert built == (7,)


def _table_jobs(tables: int, indexes: int) -> dict[int, Job]:
    """Per table: its load, ``indexes`` index builds and a primary key, costs varying by table."""
    jobs: dict[int, Job] = {}
    for t in range(tables):
        table_id, data_id = 1_000_000 + t, t * 100
        size = 1.0 + (t * 7919) % 13
        jobs[data_id] = Job(
            _entry(data_id, "TABLE DATA", SECTION_DATA, f"t{t}"), "data", size, locks={table_id: EXCLUSIVE}
        )
        for k in range(indexes):
            i = data_id + 1 + k
            entry = _entry(i, "INDEX", SECTION_POST_DATA, f"t{t}_i{k}")
            jobs[i] = Job(entry, "sql", size / 4, {data_id}, locks={table_id: SHARE})
        pk = data_id + 99
        entry = _entry(pk, "CONSTRAINT", SECTION_POST_DATA, f"t{t} t{t}_pkey")
        jobs[pk] = Job(entry, "sql", size / 5, {data_id}, locks={table_id: EXCLUSIVE})
    _set_chains(jobs)
    return jobs


def test_scheduler_runs_every_job_once_without_lock_conflicts_in_about_n_log_n() -> None:
    jobs = _table_jobs(2000, 8)  # 20,000 jobs, a schema of 2,000 tables
    sched = Scheduler(jobs)
    ran: list[int] = []
    running: list[int] = []
    while len(ran) < len(jobs):
        while len(running) < 4 and (i := sched.next()) is not None:
            for other in running:
                assert not jobs[i].conflicts(jobs[other]), (i, other)
            running.append(i)
        assert running, "nothing runnable although jobs are left"
        done = running.pop(0)
        sched.finish(done)
        ran.append(done)
    assert sorted(ran) == sorted(jobs)
    position = {i: n for n, i in enumerate(ran)}
    for i in ran:  # nothing ran before what it waits for
        assert all(position[w] < position[i] for w in jobs[i].waits)
    # a heap, not a scan of every ready job per pick: about n log n priority evaluations
    assert sched.evaluations < 30 * len(jobs), sched.evaluations


def test_tiny_jobs_run_together_and_a_failing_one_is_named(pg: PgCluster) -> None:
    db = "pgload_tiny"
    pg.psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    pg.psql(f"CREATE DATABASE {db}")
    pg.psql("CREATE TABLE public.t (a integer, b integer)", db)
    table = _entry(1, "TABLE", SECTION_PRE_DATA, "t", defn="CREATE TABLE public.t (\n    a integer,\n    b integer\n);")
    data = Entry(
        10,
        True,
        "t",
        "TABLE DATA",
        SECTION_DATA,
        "",
        "COPY public.t (a, b) FROM stdin;\n",
        "public",
        "",
        "me",
        (1,),
        "10.dat",
    )
    good = _entry(20, "INDEX", SECTION_POST_DATA, "t_a_idx", (1,), "CREATE INDEX t_a_idx ON public.t USING btree (a);")
    bad = _entry(21, "INDEX", SECTION_POST_DATA, "t_b_key", (1,), "CREATE UNIQUE INDEX t_b_key ON public.t (b);")
    also = _entry(22, "INDEX", SECTION_POST_DATA, "t_ab_idx", (1,), "CREATE INDEX t_ab_idx ON public.t (a, b);")
    toc = _toc(table, data, good, bad, also)
    rows = b"".join(b"%d\t7\n" % n for n in range(50))  # b is the same everywhere: t_b_key fails
    plan = plan_load(toc, {10: 50}, {10: len(rows)}, analyze=False, merge_below=0)
    assert all(is_tiny(plan.jobs[i]) for i in (20, 21, 22))
    ran_together: list[int] = []
    companions = Scheduler.companions

    def watched(self: Scheduler, first: int, *args: Any, **kwargs: Any) -> list[int]:
        taken = companions(self, first, *args, **kwargs)
        if taken:
            ran_together.extend([first, *taken])
        return taken

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Scheduler, "companions", watched)
        with pytest.raises(LoadError) as exc:
            run_load(plan, lambda: _connect(pg, db), 1, lambda job: iter([rows]), session_sql(toc), threading.Event())

    assert sorted(ran_together) == [20, 21, 22]  # the three builds went in one round trip
    # that batch failed as a whole; run again one by one, the failing build is named
    assert exc.value.entry.dump_id == 21 and "could not create unique index" in str(exc.value)
    with closing(_connect(pg, db)) as conn:
        built = {r[0] for r in conn.execute("SELECT indexname FROM pg_indexes WHERE tablename = 't'")}
    assert "t_a_idx" in built and "t_b_key" not in built


def test_tiny_ready_jobs_are_taken_together_when_their_locks_allow() -> None:
    def job(i: int, kind: str, work: float, locks: dict[int, str]) -> Job:
        desc = {"data": "TABLE DATA", "sql": "INDEX"}[kind]
        return Job(_entry(i, desc, SECTION_POST_DATA, f"j{i}"), kind, JOB_COST + work, locks=locks)

    tiny = TINY_WORK / 2
    jobs = {
        1: job(1, "sql", tiny, {100: SHARE}),
        2: job(2, "sql", tiny, {100: SHARE}),  # beside 1: index builds share a table
        3: job(3, "sql", tiny, {100: EXCLUSIVE}),  # a key on that table: not beside 1 and 2
        4: job(4, "sql", tiny, {101: EXCLUSIVE}),
        5: job(5, "sql", TINY_WORK * 10, {102: SHARE}),  # not tiny
        6: job(6, "data", tiny, {103: EXCLUSIVE}),  # a load: never batched
        7: job(7, "sql", tiny, {101: SHARE}),  # conflicts with 4 once 4 is taken
    }
    for n, i in enumerate(sorted(jobs)):  # the order the scheduler sees them in: 1 first
        jobs[i].chain = 100.0 - n
    sched = Scheduler(jobs)
    first = sched.next()
    assert first == 1

    taken = sched.companions(first)

    assert sorted(taken) == [2, 4]
    assert set(sched.active) == {1, 2, 4}  # running: their locks count for what comes next
    assert sched.next() == 5  # the big one is still there for the next pick, on its own
    assert sched.companions(5) == []
    assert sched.next() == 6  # as is the load
    assert sched.next() is None  # 3 and 7 wait for locks held by 1, 2 and 4
    for i in (1, 2, 4):
        sched.finish(i)
    assert {sched.next(), sched.next()} == {3, 7}


def test_scheduler_prefers_the_longest_chain_then_the_table_with_most_work_left() -> None:
    jobs = _table_jobs(3, 2)
    sched = Scheduler(jobs)
    loads = [sched.next() for _ in range(3)]
    # every table's load first, the one with the most work behind it first
    assert loads == sorted(loads, key=lambda i: -jobs[i].chain)
    assert sched.next() is None  # each table is locked by its load
    sched.finish(loads[0])
    first = sched.next()
    assert first is not None and jobs[first].entry.desc == "INDEX"  # the costlier build before the key
    second = sched.next()
    assert second is not None and jobs[second].entry.desc == "INDEX"  # builds share the table
    assert sched.next(take=False) is None  # the key waits for both
    sched.finish(first)
    sched.finish(second)
    assert jobs[sched.next()].entry.desc == "CONSTRAINT"
