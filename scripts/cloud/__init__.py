"""The cloud stacks seen from the CLI: offline plans, parity, guardrail policies, Pulumi operations, provisioning."""
