"""The queue's race on PostgreSQL: 8 terminal processes press "call next" at once.

`FOR UPDATE SKIP LOCKED` must hand every ticket to exactly one terminal, none lost, no errors;
the same race, the same assertions as tests/test_queue_concurrency.py (tests.helpers.check_call_next_race).
"""
from __future__ import annotations

import pytest

from tests.helpers import RACE_PROCESSES, check_call_next_race


@pytest.mark.slow
@pytest.mark.postgres
def test_eight_processes_call_every_ticket_once_on_postgresql(pg_url):
    assert RACE_PROCESSES >= 8
    check_call_next_race(pg_url)
