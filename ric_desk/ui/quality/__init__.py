"""The supervisors' quality control screens: the listening sample, reviews, disputes,
calibration, analytics and check-list templates (core: `ric_desk.checklists`)."""
