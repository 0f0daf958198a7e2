-- What a running GitLab database has and structure.sql does not: applied after structure.sql.
-- (Not part of GitLab's file: written for kaleo-dr's tests.)
-- The roles gitlab, gitlab_ci and gitlab_readonly must exist (cluster-wide; see tests/gitlab_schema.py).

-- 1. The partitions GitLab creates at run time (its partition manager keeps them out of
--    structure.sql): two list partitions (partition ids 100 and 101) of every list-partitioned
--    table without partitions, two range partitions of every range-partitioned one.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT c.oid::regclass AS rel, c.relname, p.partstrat
        FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
        WHERE NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = c.oid)
        ORDER BY c.relname
    LOOP
        IF t.partstrat = 'l' THEN
            EXECUTE format('CREATE TABLE gitlab_partitions_dynamic.%I PARTITION OF %s FOR VALUES IN (100)',
                           t.relname || '_100', t.rel);
            EXECUTE format('CREATE TABLE gitlab_partitions_dynamic.%I PARTITION OF %s FOR VALUES IN (101)',
                           t.relname || '_101', t.rel);
        ELSIF t.partstrat = 'r' THEN
            EXECUTE format('CREATE TABLE gitlab_partitions_dynamic.%I PARTITION OF %s FOR VALUES FROM (MINVALUE) TO (1000)',
                           t.relname || '_1', t.rel);
            EXECUTE format('CREATE TABLE gitlab_partitions_dynamic.%I PARTITION OF %s FOR VALUES FROM (1000) TO (MAXVALUE)',
                           t.relname || '_1000', t.rel);
        END IF;
    END LOOP;
END $$;

-- 2. Two owners: gitlab_ci owns the CI tables (ci_*, p_ci_* and their partitions) and their
--    sequences, gitlab owns everything else of the application (tables, views, sequences,
--    functions, the partition schemas). Objects of extensions keep their owner.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.oid::regclass AS rel, c.relkind,
               CASE WHEN c.relname ~ '^(p_)?ci_' THEN 'gitlab_ci' ELSE 'gitlab' END AS owner
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('public', 'gitlab_partitions_static', 'gitlab_partitions_dynamic')
          AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
        ORDER BY c.relname
    LOOP
        IF r.relkind = 'S' THEN
            EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', r.rel, r.owner);
        ELSIF r.relkind = 'v' THEN
            EXECUTE format('ALTER VIEW %s OWNER TO %I', r.rel, r.owner);
        ELSE
            EXECUTE format('ALTER TABLE %s OWNER TO %I', r.rel, r.owner);  -- its owned sequences follow
        END IF;
    END LOOP;
    -- a partitioned table's sequences do not follow it (PostgreSQL 15): unlink, give, relink
    FOR r IN
        SELECT s.oid::regclass AS seq, t.relowner::regrole AS owner, t.oid::regclass AS rel, a.attname
        FROM pg_class s JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.deptype = 'a'
        JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE s.relkind = 'S' AND s.relowner <> t.relowner
    LOOP
        EXECUTE format('ALTER SEQUENCE %s OWNED BY NONE', r.seq);
        EXECUTE format('ALTER SEQUENCE %s OWNER TO %s', r.seq, r.owner);
        EXECUTE format('ALTER SEQUENCE %s OWNED BY %s.%I', r.seq, r.rel, r.attname);
    END LOOP;
    FOR r IN
        SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                          AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO gitlab', r.fn);
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', r.fn);
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO gitlab_ci', r.fn);
    END LOOP;
END $$;
ALTER SCHEMA gitlab_partitions_static OWNER TO gitlab;
ALTER SCHEMA gitlab_partitions_dynamic OWNER TO gitlab;

-- 3. Grants: the application role writes the CI tables it does not own; a read-only role
--    reads everything but the users' secrets (column privileges); the application's functions
--    are not executable by PUBLIC (gitlab owns them, gitlab_ci may run them: section 2);
--    tables gitlab creates later are readable by gitlab_readonly (default privileges).
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.oid::regclass AS rel FROM pg_class c JOIN pg_roles o ON o.oid = c.relowner
        WHERE o.rolname = 'gitlab_ci' AND c.relkind IN ('r', 'p')
    LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO gitlab', r.rel);
    END LOOP;
    FOR r IN
        SELECT c.oid::regclass AS rel FROM pg_class c JOIN pg_roles o ON o.oid = c.relowner
        WHERE o.rolname = 'gitlab_ci' AND c.relkind = 'S'
    LOOP
        EXECUTE format('GRANT USAGE, SELECT, UPDATE ON SEQUENCE %s TO gitlab', r.rel);
    END LOOP;
END $$;
GRANT USAGE ON SCHEMA public, gitlab_partitions_static, gitlab_partitions_dynamic TO gitlab_readonly;
GRANT SELECT ON ALL TABLES IN SCHEMA public, gitlab_partitions_static, gitlab_partitions_dynamic TO gitlab_readonly;
REVOKE SELECT ON users FROM gitlab_readonly;
GRANT SELECT (id, username, name, state, created_at, organization_id) ON users TO gitlab_readonly;
ALTER DEFAULT PRIVILEGES FOR ROLE gitlab IN SCHEMA public GRANT SELECT ON TABLES TO gitlab_readonly;
