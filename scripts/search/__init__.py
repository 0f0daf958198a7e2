"""Search: OpenSearch snapshots out of AWS and their restore on the GCP OpenSearch VMs."""
