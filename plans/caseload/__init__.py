"""Keeping plans alive: whose cases these are and what in them needs doing.

The index keeps, per case, the dates and names these rules need (``facts.py``, under
the ``caseload`` key of the case's facts); ``signals.py`` turns them into what is due
on a given day, ``mine.py`` decides whose cases they are, ``transitions.py`` knows the
named person's role by the child's age. Nothing here reads a document file."""
