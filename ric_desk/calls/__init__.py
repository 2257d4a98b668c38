"""Calling: the session's queue and leases, the call permission rules, working a taken work."""
