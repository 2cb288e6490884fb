"""A server killed mid-payment leaves no key stuck and no payment lost or doubled."""

from __future__ import annotations

from tests.drills.crash import drill


def test_payments_killed_mid_request_are_each_recorded_once_and_answered(
    store_url: str,
) -> None:
    figures = drill(store_url, rounds=5)
    assert figures.stuck_keys == 0
    assert figures.payments == figures.rounds
