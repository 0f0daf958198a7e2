"""The continuity plan's runbook steps: triage, declare, notify, contacts, the incident log, failover and cutover."""
