"""``kaleo-dr contacts``: the emergency team's calling list and the customers' designated contacts.

* ``contacts.yaml`` - the emergency team (``team:`` list of name, role, email, mobile,
  home), the calling list the plan asks every member to keep at home;
* ``customers.csv`` - one row per customer: ``customer_id, name, contact_name,
  contact_email[, contact_phone][, components]`` (components separated by ``;``).

Emails are checked for syntax (no DNS lookups: during an outage DNS may be what is
broken), phone numbers are normalised to E.164. A bad row is reported with its file and
line number and left out; the good rows stay usable.
"""

from __future__ import annotations

from scripts.runbook.contacts.export import customer_vcards, customers_csv, team_csv, team_vcards, vcard
from scripts.runbook.contacts.load import load_customers, load_team, normalise_email, normalise_phone
from scripts.runbook.contacts.model import Customer, Loaded, RowError, TeamMember

__all__ = [
    "Customer",
    "Loaded",
    "RowError",
    "TeamMember",
    "customer_vcards",
    "customers_csv",
    "load_customers",
    "load_team",
    "normalise_email",
    "normalise_phone",
    "team_csv",
    "team_vcards",
    "vcard",
]
