"""Reads for programs, scoped by :mod:`tongwen.programs.permissions`: ``events`` (events,
sessions, registrations, attendance) and ``tours`` (venues, tours, stops, plans)."""
