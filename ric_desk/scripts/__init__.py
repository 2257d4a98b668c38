"""Call scripts (речевки): versions, steps and branches, import from and export to Word."""
