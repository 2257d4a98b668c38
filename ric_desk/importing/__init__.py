"""Validated, all-or-nothing imports: everything is checked first, then written at once."""
