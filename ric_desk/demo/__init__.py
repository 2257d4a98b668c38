"""Realistic, deterministic demo data: the same seed and day give the same database."""
