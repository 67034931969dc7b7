import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tongwen.agreements import services
from tongwen.agreements.models import Agreement, Commitment, Indicator, Measurement
from tongwen.common.actors import SYSTEM
from tongwen.common.models import ChangeRecord
from tongwen.conftest import make_agreement, make_institution

pytestmark = pytest.mark.django_db


def _initiative(world, **extra):  # type: ignore[no-untyped-def]
    return services.initiative_create(
        actor=SYSTEM,
        agreement=world["ab"],
        slug="tour",
        title={"en": "Tour"},
        lead=[world["a"]],
        partners=[world["b"]],
        commitments=[world["commitment"]],
        start=dt.date(2021, 1, 1),
        **extra,
    )


def test_agreement_create_keeps_parties_in_order_and_gets_pinyin(world):
    agreement = make_agreement(
        "nlc-x", [world["c"], world["a"]], title={"zh-Hans": "战略合作协议", "en": "Deal"}
    )
    assert [link.institution.slug for link in agreement.party_links.all()] == ["inst-c", "inst-a"]
    assert agreement.title["zh-Latn-pinyin"] == "zhàn lüè hé zuò xié yì"
    assert agreement.signed_on == dt.date(2021, 3, 11)


def test_year_left_unstated_is_kept_as_such(world):
    agreement = make_agreement(
        "no-year",
        [world["a"], world["b"]],
        signed_year=None,
        signed_month=8,
        signed_day=22,
        signed_year_status="unstated",
    )
    agreement.refresh_from_db()
    assert (agreement.signed_year, agreement.signed_month, agreement.signed_day) == (None, 8, 22)
    assert agreement.signed_on is None


def test_inferred_year_needs_a_reason(world):
    with pytest.raises(ValidationError) as err:
        make_agreement("inferred", [world["a"], world["b"]], signed_year_status="inferred")
    assert err.value.message_dict == {"signed_year_reason": ["Say why the year was inferred."]}
    assert not Agreement.objects.filter(slug="inferred").exists()


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"signed_month": 2, "signed_day": 30}, "signed_day", "30/2 is not a date."),
        ({"signed_month": 13}, "signed_month", "Ensure this value is less than or equal to 12."),
        ({"kind": "treaty"}, "kind", "Value 'treaty' is not a valid choice."),
        (
            {"title": {"en": "x" * 501}},
            "title",
            "The value for “en” is longer than 500 characters.",
        ),
        ({"title": {"klingon!": "x"}}, "title", "“klingon!” is not a valid language tag."),
    ],
)
def test_agreement_bad_input_names_the_field_and_saves_nothing(world, kwargs, field, message):
    before = (Agreement.objects.count(), ChangeRecord.objects.count())
    with pytest.raises(ValidationError) as err:
        make_agreement("bad", [world["a"], world["b"]], **kwargs)
    assert err.value.message_dict[field] == [message]
    assert (Agreement.objects.count(), ChangeRecord.objects.count()) == before


def test_fewer_than_two_parties_and_duplicates_are_refused(world):
    with pytest.raises(ValidationError) as err:
        make_agreement("solo", [world["a"]])
    assert err.value.message_dict == {"parties": ["An agreement needs at least two parties."]}
    with pytest.raises(ValidationError) as err:
        make_agreement("twice", [world["a"], world["a"]])
    assert err.value.message_dict == {"parties": ["Institution A is listed twice."]}
    assert not Agreement.objects.filter(slug__in=["solo", "twice"]).exists()


def test_editor_changes_only_agreements_of_own_institution(world):
    services.agreement_update(actor=world["editor_a"], agreement=world["ab"], venue={"en": "Here"})
    assert Agreement.objects.get(slug="a-b").venue["en"] == "Here"
    with pytest.raises(PermissionDenied):
        services.agreement_update(actor=world["editor_a"], agreement=world["bc"], status="signed")
    with pytest.raises(PermissionDenied):
        services.agreement_update(actor=world["viewer_b"], agreement=world["ab"], status="expired")
    assert Agreement.objects.get(slug="b-c-draft").status == "draft"


def test_editor_cannot_create_agreement_between_others(world):
    with pytest.raises(PermissionDenied):
        services.agreement_create(
            actor=world["editor_a"],
            slug="bc2",
            kind="framework_agreement",
            title={"en": "B and C"},
            parties=[world["b"], world["c"]],
        )


def test_update_records_who_what_and_when(world):
    services.agreement_update(
        actor=world["editor_b"],
        agreement=world["ab"],
        status="in_force",
        parties=[world["a"], world["b"], world["c"]],
    )
    record = ChangeRecord.objects.filter(action="update").get()
    assert record.actor == world["editor_b"]
    assert record.changes == {
        "status": ["signed", "in_force"],
        "parties": [["inst-a", "inst-b"], ["inst-a", "inst-b", "inst-c"]],
    }


def test_an_update_that_changes_nothing_leaves_no_record(world):
    services.agreement_update(actor=world["editor_a"], agreement=world["ab"], status="signed")
    assert not ChangeRecord.objects.filter(action="update").exists()


def test_commitment_unknown_category_is_refused(world):
    with pytest.raises(ValidationError) as err:
        services.commitment_create(
            actor=SYSTEM, agreement=world["ab"], text={"en": "x"}, category="space_travel"
        )
    assert err.value.message_dict == {"category": ["Value 'space_travel' is not a valid choice."]}
    assert Commitment.objects.filter(agreement=world["ab"]).count() == 1


def test_commitments_number_themselves(world):
    second = services.commitment_create(
        actor=world["editor_a"],
        agreement=world["ab"],
        text={"en": "Exhibit."},
        category="exhibitions",
    )
    assert second.number == 2


def test_initiative_editing_is_for_lead_and_partners(world):
    initiative = _initiative(world)
    services.initiative_update(actor=world["editor_b"], initiative=initiative, status="active")
    with pytest.raises(PermissionDenied):
        services.initiative_update(
            actor=world["editor_c"], initiative=initiative, status="completed"
        )
    initiative.refresh_from_db()
    assert initiative.status == "active"


def test_initiative_places_are_gb2260_codes(world):
    with pytest.raises(ValidationError) as err:
        _initiative(world, places=["330521", "999999"])
    assert err.value.message_dict == {
        "places": ["“999999” is not a GB/T 2260 administrative division code."]
    }


def test_negative_target_is_refused(world):
    initiative = _initiative(world)
    with pytest.raises(ValidationError) as err:
        services.indicator_create(
            actor=SYSTEM,
            initiative=initiative,
            slug="libs",
            metric={"en": "Libraries"},
            unit={"en": "libraries"},
            target=Decimal(-5),
        )
    assert err.value.message_dict == {
        "target": ["Ensure this value is greater than or equal to 0."]
    }
    assert not Indicator.objects.exists()


def test_measurement_before_the_initiative_began_is_refused(world):
    initiative = _initiative(world)
    indicator = services.indicator_create(
        actor=SYSTEM,
        initiative=initiative,
        slug="libs",
        metric={"en": "Libraries"},
        unit={"en": "libraries"},
        target=Decimal(200),
    )
    with pytest.raises(ValidationError) as err:
        services.measurement_record(
            actor=world["editor_a"],
            indicator=indicator,
            measured_on=dt.date(2020, 12, 31),
            value=Decimal(3),
        )
    assert err.value.message_dict == {
        "measured_on": ["2020-12-31 is before the initiative began on 2021-01-01."]
    }
    assert not Measurement.objects.exists()
    services.measurement_record(
        actor=world["editor_a"],
        indicator=indicator,
        measured_on=dt.date(2021, 12, 31),
        value=Decimal(40),
    )
    record = ChangeRecord.objects.filter(target_type__model="measurement").get()
    assert record.context_id == initiative.pk
    assert record.changes["value"] == [None, "40"]


def test_other_institution_cannot_record_measurements(world):
    initiative = _initiative(world)
    indicator = services.indicator_create(
        actor=SYSTEM,
        initiative=initiative,
        slug="libs",
        metric={"en": "Libraries"},
        unit={"en": "libraries"},
    )
    with pytest.raises(PermissionDenied):
        services.measurement_record(
            actor=world["editor_c"],
            indicator=indicator,
            measured_on=dt.date(2021, 5, 1),
            value=Decimal(1),
        )


def test_institution_location_must_be_a_real_division(db):
    with pytest.raises(ValidationError) as err:
        make_institution("nowhere", "Nowhere", division_code="990000")
    assert err.value.message_dict == {
        "division_code": ["“990000” is not a GB/T 2260 administrative division code."]
    }
    deqing = make_institution("deqing-lib", "Deqing Library", division_code="330521")
    assert deqing.division.path == ("浙江省", "湖州市", "德清县")
