"""Data the stages read (lexicons, alias table, curated places) and the code that loads it.

Every data file here notes its source in a header line or a ``source`` column.
"""
