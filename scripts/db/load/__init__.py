"""Load table data and build indexes and constraints in parallel, longest chain first.

``kaleo-dr restore`` restores the schema (pre-data) and whatever is left at the end with
pg_restore, but runs the heavy middle itself, because it can do better than
``pg_restore -j`` there:

* **no zlib in the loaders**: the table data arrives through the sha256 check and is
  inflated with ISA-L (about twice as fast as zlib) straight into ``COPY ... FROM STDIN``;
* **critical path first**: pg_restore starts the largest *files* first; here every job's
  cost is estimated - a load per byte and per value by column type (parsing jsonb costs far
  more than parsing a bigint), an index or constraint build per row by its keys (an
  expression over jsonb costs more than a bigint key) - and of the jobs ready to run, the
  one with the longest chain of work behind it (itself plus everything that waits for it)
  runs first, loads and builds alike, so the end is not one big table's index builds on one
  core while the other cores idle;
* **no job waits for another's lock**: ADD CONSTRAINT locks its table exclusively, ADD
  FOREIGN KEY both of its tables against index builds and other keys; run side by side,
  one session would sit waiting with its core idle. A job runs only beside jobs whose table
  locks do not conflict with its own, and a table with much work left on it (its jobs run
  mostly one after another) starts early;
* **indexes and constraints as soon as possible**: an index, unique/primary key or foreign
  key is ready the moment every table it depends on is loaded (and the constraints it
  depends on exist); workers with nothing left to do lend themselves to the remaining index
  builds as parallel maintenance workers;
* **planner statistics before anyone queries**: each table gets an ANALYZE job, ready as
  soon as its data is in (and the expression indexes whose statistics ANALYZE collects), so
  it overlaps the other work instead of the ``vacuumdb --analyze-only`` an operator would
  otherwise run afterwards; without it the first queries after a failover are planned with
  default estimates.

What runs here, taken from the archive's TOC (:mod:`scripts.db.pgtoc`): every ``TABLE DATA``
entry, the post-data ``INDEX``, ``CONSTRAINT`` and ``FK CONSTRAINT`` entries whose
dependencies are all schema objects, table data or other entries run here, and an
``ANALYZE`` of every table whose data is loaded here. Everything else (sequence values,
triggers, comments, ACLs, partition index attachments and whatever depends on them) comes
after all of that, by construction never before anything run here:

* **the finale**: when every entry left is a plain statement (:data:`scripts.db.load.finale.FINALE_DESCS`), the
  same warm connections run them, in pg_restore's passes (ACLs after everything else), in
  batches, and on both connections at once where their tables are apart (see
  :func:`scripts.db.load.finale.plan_finale`). On a schema of hundreds of tables this saves a third pg_restore
  (a process, its connections, a round trip per statement);
* otherwise (large objects, materialized view data, event triggers, data pg_restore must
  load itself), all of it is left to one pg_restore run afterwards.

Each job runs on one of ``jobs`` connections with pg_restore's session settings. A COPY
commits only after its source reported the end of its data (for a backup file: after the
file's sha256 matched); any failure cancels the other jobs and is raised.

One module per concern:

* :mod:`~scripts.db.load.cost`: the cost model (seconds per byte, value, row and page);
* :mod:`~scripts.db.load.jobs`: a job and the table locks it takes;
* :mod:`~scripts.db.load.plan`: the plan from the TOC (:func:`~scripts.db.load.plan.plan_load`);
* :mod:`~scripts.db.load.finale`: what is left after the load, on the same connections;
* :mod:`~scripts.db.load.scheduler`: which ready job runs next;
* :mod:`~scripts.db.load.copy`: table data into ``COPY``, alone or shared;
* :mod:`~scripts.db.load.run`: the connections, the jobs run, failures
  (:func:`~scripts.db.load.run.run_load`).
"""
