"""Supervisors' check-lists: versioned templates, reviews and their scores."""
