"""Event coding: triggers, clauses, roles, status, attribution, place/date, crosswalks, notes, merging.

``EventCoder`` (coder.py) is the pipeline stage; the other modules each hold one job.
"""
