"""Writes for programs, one module per sub-domain: ``events`` (events and sessions),
``registration`` (sign-up, waiting list, cancellation, check-in, erasure), ``attendance``
(visitor counts and the indicators they feed), ``venues`` (venues and the county-library
registry), ``tours`` (tours, stops, and planning)."""
