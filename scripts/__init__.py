"""kaleo-dr: the Kaleo business continuity plan as code (runbook CLI and operational tools)."""

__version__ = "0.1.0"
