"""Evaluation against the shared gold data, scored exactly as ANNOTATION.md section 3 says."""
