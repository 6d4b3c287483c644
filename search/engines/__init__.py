"""Wagtail's engine backends with one change: searches wait less than writes.

A stopped engine refuses at once, but a frozen one holds each search until the client's timeout.
Writes (a page published, a bulk import) may legitimately take seconds on a busy node, so the
client keeps ENGINE_TIMEOUT_SECONDS for them, while searches and autocomplete give up after
ENGINE_SEARCH_TIMEOUT_SECONDS and search/fallback.py answers from the database.
"""
