"""Continuity jobs that run by themselves: the job wrapper, the watcher checks, the weekly restore test."""
