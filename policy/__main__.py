"""The Kaleo guardrails as a pulumi-policy pack: ``pulumi preview --policy-pack policy``.

The policies themselves are plain functions in ``scripts/cloud/policy.py`` (also run offline by
``kaleo-dr policy check``); this entry point only wraps each in a StackValidationPolicy.
Constructing the PolicyPack starts the analyzer server and blocks, so nothing else may
import this file.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pulumi_policy import EnforcementLevel, PolicyPack, StackValidationPolicy

from scripts.cloud.policy import POLICIES, pack_validator

PolicyPack(
    name="kaleo-guardrails",
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=[
        StackValidationPolicy(name=p.name, description=p.description, validate=pack_validator(p)) for p in POLICIES
    ],
)
