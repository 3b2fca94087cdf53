"""Many terminals pressing "call next" at once: every ticket called exactly once, none lost.

Real processes (multiprocessing 'spawn', like separate terminals), one database. Uses the
`db_url` fixture only, so a PostgreSQL parametrisation of that fixture runs it unchanged.
The race and its assertions are `tests.helpers.check_call_next_race` (test_pg_concurrency runs
the same on PostgreSQL).
"""
from __future__ import annotations

import pytest

from tests.helpers import check_call_next_race


@pytest.mark.slow
def test_parallel_call_next_calls_every_ticket_once(db_url):
    check_call_next_race(db_url)
