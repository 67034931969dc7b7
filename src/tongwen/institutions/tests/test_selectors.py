import pytest

from tongwen.common.actors import SYSTEM
from tongwen.conftest import make_institution
from tongwen.institutions import selectors, services

pytestmark = pytest.mark.django_db


def test_names_are_found_in_chinese_and_by_abbreviation():
    services.institution_create(
        actor=SYSTEM,
        slug="nlc",
        name={"zh-Hans": "国家图书馆", "en": "National Library of China"},
        kind="library",
        abbreviations=["NLC"],
    )
    make_institution("dpm", "Palace Museum", kind="museum")
    assert [i.slug for i in selectors.institution_list(q="图书馆")] == ["nlc"]
    assert [i.slug for i in selectors.institution_list(q="nlc")] == ["nlc"]
    assert [i.slug for i in selectors.institution_list(q="palace")] == ["dpm"]
    assert [i.slug for i in selectors.institution_list(kind="museum")] == ["dpm"]
