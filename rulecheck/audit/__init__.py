"""Batch audit: check an archive of transcripts into a SQLite store, resumably, and
report on it (statistics, risk scores, patterns across transcripts).

The store is the single source of truth: a run can be killed at any point and
resumed, and every report is computed from what the store holds.
"""
