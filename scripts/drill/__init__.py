"""The DR rehearsal: the whole runbook played against local stand-ins (``make drill``) or a sandbox account."""
