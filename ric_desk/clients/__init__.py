"""Clients: search, the list and its pages, the card, editing it, contact persons, import and
export, and the look-ups the command line needs."""
