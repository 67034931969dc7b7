"""Parallel sign-ups for the last place: exactly one wins.

Each thread has its own database connection and they wait at a barrier, so the sign-ups run
at the same moment (on PostgreSQL in `make test`, where this proves the row lock). The test
database must be committed to for other connections to see the event, hence
``transaction=True``.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from tongwen.programs.models import Event, Registration
from tongwen.programs.services.registration import registration_cancel, registration_create

THREADS = 8


def race(work: Callable[[int], str]) -> list[str]:
    """Run ``work(i)`` in THREADS threads released together; their results, or error codes."""
    barrier = threading.Barrier(THREADS)
    results: list[str] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        try:
            # Open this thread's connection before the barrier so that connecting does not
            # stagger the start.
            connection.ensure_connection()
            barrier.wait(timeout=30)
            try:
                outcome = work(index)
            except ValidationError as error:
                outcome = f"refused:{error.code}"
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    close_old_connections()
    return results


def sign_up_for(event_id: int, session_id: int | None = None) -> Callable[[int], str]:
    def work(index: int) -> str:
        event = Event.objects.get(pk=event_id)
        session = event.sessions.get(pk=session_id) if session_id else None
        registration = registration_create(
            event=event, name=f"Racer {index}", email=f"racer{index}@example.org", session=session
        )
        return str(registration.status)

    return work


def occupy_all_but_one(event: Event, session: Any = None) -> None:
    for i in range(event.capacity - 1):  # type: ignore[operator]
        registration_create(
            event=event, name=f"Early {i}", email=f"early{i}@example.org", session=session
        )


@pytest.mark.django_db(transaction=True)
def test_the_last_place_goes_to_exactly_one_and_the_rest_wait(event_factory):
    event = event_factory(capacity=3)
    occupy_all_but_one(event)
    results = race(sign_up_for(event.pk))
    assert Counter(results) == {"confirmed": 1, "waitlisted": THREADS - 1}
    racers = Registration.objects.filter(event=event, email__startswith="racer")
    assert racers.filter(status="confirmed").count() == 1
    assert event.registrations.filter(status="confirmed").count() == 3


@pytest.mark.django_db(transaction=True)
def test_without_a_waiting_list_the_others_are_told_it_is_full(event_factory):
    event = event_factory(capacity=2, waitlist=False)
    occupy_all_but_one(event)
    results = race(sign_up_for(event.pk))
    assert Counter(results) == {"confirmed": 1, "refused:full": THREADS - 1}
    assert event.registrations.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_last_place_of_a_session_goes_to_exactly_one(series):
    session = series.sessions.last()
    results = race(sign_up_for(series.pk, session.pk))
    assert Counter(results) == {"confirmed": 1, "waitlisted": THREADS - 1}
    assert series.registrations.filter(session=session, status="confirmed").count() == 1


@pytest.mark.django_db(transaction=True)
def test_cancellations_racing_sign_ups_never_overbook(event_factory):
    """Half the threads cancel confirmed places while the other half sign up: whatever the
    order, confirmed places never exceed capacity and no free place is left while people
    wait."""
    event = event_factory(capacity=THREADS // 2)
    holders = [
        registration_create(event=event, name=f"Holder {i}", email=f"holder{i}@example.org")
        for i in range(THREADS // 2)
    ]
    sign_up = sign_up_for(event.pk)

    def work(index: int) -> str:
        if index % 2:
            return str(registration_cancel(token=holders[index // 2].token).status)
        return sign_up(index)

    results = race(work)
    assert Counter(results)["cancelled"] == THREADS // 2
    confirmed = event.registrations.filter(status="confirmed").count()
    waiting = event.registrations.filter(status="waitlisted").count()
    assert confirmed == THREADS // 2 and waiting == 0
