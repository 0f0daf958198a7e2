"""Failback: back to AWS once it is healthy, with what was written on GCP, and the writes the outage stranded."""
