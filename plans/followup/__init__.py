"""Term follow-up: statistics from case data (never from free text).

Start at :func:`plans.followup.report.term_report`; docs/followup.md describes every
count, the masking, the JSON keys, the import and the family survey. Nothing is
re-exported here: ``facts`` is imported by the store's indexing and must not pull
in pandas.
"""
