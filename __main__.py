"""Pulumi entry point: wires the stack chosen by ``kaleo:cloud`` and exports its outputs."""

import pulumi

from stacks import build_from_config

for _name, _value in build_from_config().items():
    pulumi.export(_name, _value)
