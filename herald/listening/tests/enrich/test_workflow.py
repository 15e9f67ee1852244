"""Every move of a training upload, allowed and forbidden."""

from __future__ import annotations

import itertools

import pytest

from herald.listening.models.routing import RouterTraining
from herald.listening.routing.workflow import can_move_training

T = RouterTraining.Status
ALLOWED = {(T.QUEUED, T.RUNNING), (T.RUNNING, T.DONE), (T.RUNNING, T.FAILED)}


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(T.values, T.values)))
def test_only_the_listed_moves_are_allowed(from_status: str, to_status: str) -> None:
    assert can_move_training(from_status, to_status) == ((from_status, to_status) in ALLOWED)
