import datetime as dt
from decimal import Decimal

from tongwen.agreements.models import Indicator, Measurement
from tongwen.agreements.progress import Standing, indicator_progress

PERIOD = {"period_start": dt.date(2021, 1, 1), "period_end": dt.date(2025, 12, 31)}


def _indicator(**fields):  # type: ignore[no-untyped-def]
    fields.setdefault("comparator", Indicator.Comparator.AT_LEAST)
    return Indicator(**{**PERIOD, **fields})


def _m(value: int, on: dt.date, pk: int = 1) -> Measurement:
    return Measurement(pk=pk, value=Decimal(value), measured_on=on)


def test_no_measurements_yet():
    result = indicator_progress(_indicator(target=Decimal(200)), [], today=dt.date(2021, 6, 1))
    assert (result.standing, result.percent) == (Standing.NO_DATA, None)


def test_on_track_when_progress_keeps_up_with_the_calendar():
    result = indicator_progress(
        _indicator(target=Decimal(200)), [_m(90, dt.date(2023, 6, 1))], today=dt.date(2023, 6, 1)
    )
    assert (result.standing, result.percent) == (Standing.ON_TRACK, 45)


def test_at_risk_when_progress_lags():
    result = indicator_progress(
        _indicator(target=Decimal(200)), [_m(40, dt.date(2024, 1, 1))], today=dt.date(2024, 1, 1)
    )
    assert (result.standing, result.percent) == (Standing.AT_RISK, 20)


def test_latest_measurement_counts_and_target_reached():
    measurements = [_m(210, dt.date(2025, 6, 1), 2), _m(100, dt.date(2023, 1, 1), 1)]
    result = indicator_progress(
        _indicator(target=Decimal(200)), measurements, today=dt.date(2025, 7, 1)
    )
    assert (result.standing, result.percent, result.latest) == (
        Standing.ACHIEVED,
        100,
        measurements[0],
    )


def test_missed_after_the_deadline():
    result = indicator_progress(
        _indicator(target=Decimal(200)), [_m(150, dt.date(2025, 12, 1))], today=dt.date(2026, 1, 5)
    )
    assert result.standing == Standing.MISSED


def test_baseline_is_where_progress_starts():
    result = indicator_progress(
        _indicator(baseline=Decimal(600), target=Decimal(1000)),
        [_m(800, dt.date(2023, 6, 1))],
        today=dt.date(2023, 6, 1),
    )
    assert result.percent == 50


def test_tracked_without_target():
    result = indicator_progress(
        _indicator(target=None), [_m(55000, dt.date(2020, 12, 31))], today=dt.date(2021, 1, 1)
    )
    assert (result.standing, result.percent) == (Standing.NO_TARGET, None)


def test_at_most_targets():
    indicator = _indicator(target=Decimal(10), comparator=Indicator.Comparator.AT_MOST)
    result = indicator_progress(indicator, [_m(8, dt.date(2022, 1, 1))], today=dt.date(2022, 1, 2))
    assert result.standing == Standing.ACHIEVED
