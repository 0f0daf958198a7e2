"""The local drill's steps, in the order the runbook plays them.

Adding a step: one class (a :class:`~scripts.drill.steps.base.DrillStep` or a failover step) in its own
module here, and one line in :func:`local_steps`.
"""

from __future__ import annotations

from scripts.drill.localenv import LocalDrill
from scripts.drill.steps.agent_backup import AgentBackupStep
from scripts.drill.steps.app_boot import AppBootStep
from scripts.drill.steps.aws_back import AwsBackStep
from scripts.drill.steps.cutover import CutoverStep
from scripts.drill.steps.declare import DeclareStep
from scripts.drill.steps.environment import EnvironmentStep
from scripts.drill.steps.failback import FailbackStep
from scripts.drill.steps.gcp_era import GcpEraStep
from scripts.drill.steps.notify import NotifyStep
from scripts.drill.steps.plan import DrillPlanStep
from scripts.drill.steps.provision import DrillProvisionStep
from scripts.drill.steps.readiness import ReadinessStep
from scripts.drill.steps.reconcile import ReconcileStep
from scripts.drill.steps.search_snapshot import SearchSnapshotStep
from scripts.drill.steps.smoke_queries import SmokeQueriesStep
from scripts.drill.steps.standby import StandbyPromoteStep, StandbySetupStep
from scripts.drill.steps.stranded import StrandedWritesStep
from scripts.drill.steps.triage import TriageStep
from scripts.drill.steps.validation import ValidationStep
from scripts.drill.steps.watcher import WatcherStep
from scripts.drill.steps.wiring import WiringStep
from scripts.runbook.failover.backup import BackupStep
from scripts.runbook.failover.database import RestoreStep
from scripts.runbook.failover.gate import GateStep
from scripts.runbook.failover.search import SearchStep
from scripts.runbook.failover.smoke import SmokeStep
from scripts.runbook.runner import Step


def local_steps(drill: LocalDrill) -> list[Step]:
    """Every step of ``rehearse --local``, in order: from the stand-ins to the failback."""
    return [
        EnvironmentStep(drill),
        AgentBackupStep(drill),
        SearchSnapshotStep(drill),
        StandbySetupStep(drill),
        ReadinessStep(drill),
        StrandedWritesStep(drill),
        WatcherStep(drill),
        TriageStep(drill),
        DeclareStep(drill),
        NotifyStep(drill),
        BackupStep(),
        GateStep(),
        DrillPlanStep(drill),
        WiringStep(drill),
        DrillProvisionStep(drill),
        StandbyPromoteStep(drill),
        RestoreStep(),
        ValidationStep(drill),
        AppBootStep(drill),
        SearchStep(),
        SmokeStep(),
        SmokeQueriesStep(drill),
        CutoverStep(drill),
        GcpEraStep(drill),
        AwsBackStep(drill),
        FailbackStep(drill),
        ReconcileStep(drill),
    ]
