"""The queue's race on PostgreSQL: 8 terminal processes press "call next" at once.

`FOR UPDATE SKIP LOCKED` must hand every ticket to exactly one terminal, none lost, no errors;
the same race, the same assertions as tests/test_queue_concurrency.py (which runs it on SQLite).
"""
from __future__ import annotations

import pytest

from tests import test_queue_concurrency as race


@pytest.mark.slow
@pytest.mark.postgres
def test_eight_processes_call_every_ticket_once_on_postgresql(pg_url):
    assert race.PROCESSES >= 8
    race.test_parallel_call_next_calls_every_ticket_once(pg_url)
