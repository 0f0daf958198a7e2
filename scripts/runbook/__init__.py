"""The continuity plan's runbook steps, in the plan's order.

``triage/`` (what is down, and whether this machine can tell), ``declare`` (the disaster rules),
``notify/`` (the customers' updates, exactly once), ``contacts/``, ``incident`` (the incident
log every step writes to), ``alarm`` (pages outside AWS), ``readiness``, ``runner`` (the
journaled step runner failover, failback and the drills share), ``failover/`` (its steps, one
module each), ``cutover`` (DNS, with ``tlsrecords``).
"""
