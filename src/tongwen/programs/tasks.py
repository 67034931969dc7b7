"""Background work of programs. Nothing here needs a queue: feeds are recomputed when
attendance changes (on commit). ``feeds_refresh_daily`` is for a scheduler (cron or a systemd
timer running ``manage.py shell -c``), so that every computed indicator has a measurement for
each day even when nothing changed; it is safe to run again."""

from __future__ import annotations

from tongwen.programs.services import attendance


def feeds_refresh_daily() -> int:
    """Recompute every computed indicator; returns how many measurements were written."""
    return len(attendance.feeds_refresh_all())


def feed_refresh_task(feed_id: int) -> bool:
    """Recompute one feed by primary key (for a task queue, should one be added)."""
    return attendance.feed_refresh(feed_id=feed_id) is not None
