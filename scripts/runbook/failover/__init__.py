"""``kaleo-dr failover``: rebuild Kaleo on GCP as one resumable run.

The steps, in the continuity plan's order (``failover.steps`` may reorder or replace them
by name, which is how rehearsals plug in offline equivalents):

``gate``       the 24-hour rule: refuse before ``declare.rebuild_gate_hours`` of Amazon outage
               unless ``--override-24h --reason TEXT`` (the override is logged);
``quota``      the region's quotas (vCPUs per machine family, SSD GB, instances, Compute API
               ``regions.get``) cover what the gcp stack creates (``scripts.cloud.quota``);
``backup``     the newest complete backup outside AWS and its age (RPO);
``stack``      ``pulumi up`` of the gcp stack through the Pulumi Automation API, streamed;
``provision``  the ansible provisioning of the new VMs (``scripts.cloud.provision``);
``restore``    the newest backup into the GCP database VM (``scripts.db.restore``);
``promote``    instead of ``restore`` when the standby is healthy (``scripts.db.standby``): decided
               before the first step, the choice and its reason recorded (see
               :func:`~scripts.runbook.failover.database.choose_database_path`);
``smoke``      HTTP health through the load balancer, a row-count sample, Redis PING and
               Elasticsearch cluster health, each skipped with its reason when not configured;
``handoff``    stop and ask for the DNS cutover (``kaleo-dr cutover --to gcp``): never automatic.

Offline equivalents in the same registry: ``stack-plan`` (the offline plan instead of
``pulumi up``), ``provision-check`` (provisioning in check mode) and ``hold`` (a rehearsal
pause that waits for ``failover.hold_file``, to practise an interrupted run).

The modules, one concern each (the journaled runner they share with failback and the drills is
:mod:`scripts.runbook.runner`):

``gate``      the 24-hour gate and the regional quotas (``gate``, ``quota``);
``backup``    the newest good backup (``backup``);
``stack``     ``pulumi up`` of the gcp stack (``stack``) and its offline plan (``stack-plan``);
``database``  provisioning (``provision``, ``provision-check``), ``restore`` or ``promote``, and the
              choice between them (:func:`~scripts.runbook.failover.database.choose_database_path`);
``search``    the OpenSearch snapshot restore (``search``);
``smoke``     the smoke tests (``smoke``);
``handoff``   the hand-off (``handoff``) and the rehearsal hold (``hold``);
``steps``     the steps by name and their default order;
``cli``       the command and :func:`~scripts.runbook.failover.cli.failover`.

Every step start and end is written to the step journal in the incident log before the
next one begins, so a crashed or interrupted run continues with ``--resume`` at the step
that did not finish, without redoing the finished ones.
"""
