"""The demo data: the five source agreements, as the documents state them."""

import pytest
from django.core.management import call_command

from tongwen.agreements.demo.loader import load_demo
from tongwen.agreements.models import Agreement, Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    return load_demo()


def _signatories(detail):  # type: ignore[no-untyped-def]
    return sorted(p["name"]["en"] for p in detail["ceremony"] if p["role"] == "signed")


def test_the_five_agreements_are_listed(demo, api):
    body = api.get("/api/v1/agreements/").json()
    assert body["count"] == 5
    assert {a["slug"] for a in body["results"]} == {
        "nlc-bpg-2021",
        "nlc-shftz-2018",
        "nlc-lsc-cstm-2021",
        "pkpm-bjnews-2023",
        "cflb-dpm",
    }


def test_nlc_bpg_detail(demo, api):
    detail = api.get("/api/v1/agreements/nlc-bpg-2021/").json()
    assert [p["slug"] for p in detail["parties"]] == ["nlc", "bpg"]
    assert detail["signed"]["month"] == 4
    assert detail["signed"]["day"] == 29
    assert detail["signed"]["year"] == 2021
    assert detail["signed"]["year_status"] == "inferred"
    assert "April 2021" in detail["signed"]["year_reason"]["en"]
    assert _signatories(detail) == ["Kang Wei", "Rao Quan"]
    presided = [p for p in detail["ceremony"] if p["role"] == "presided"]
    assert [(p["name"]["en"], p["titles"][0]["title"]["en"]) for p in presided] == [
        ("Zhang Jun", "Deputy Director")
    ]
    assert [c["category"] for c in detail["commitments"]] == [
        "resource_sharing",
        "classics_publishing",
        "cultural_creative_ip",
        "research_study_courses",
        "cultural_spaces",
        "convergence_media_tech",
    ]
    assert detail["venue"]["en"] == "NLC Ancient Books Library"
    assert detail["sources"][0]["text"].startswith("The NLC signs strategic cooperation")


def test_three_party_framework_agreement(demo, api):
    detail = api.get("/api/v1/agreements/nlc-lsc-cstm-2021/").json()
    assert detail["kind"] == "framework_agreement"
    assert [p["slug"] for p in detail["parties"]] == ["nlc", "lsc", "cstm"]
    assert (detail["signed"]["month"], detail["signed"]["day"]) == (3, 11)
    assert _signatories(detail) == ["Rao Quan", "Yin Hao"]
    assert len(detail["commitments"]) == 6


def test_year_unstated_for_the_foreign_languages_bureau_agreement(demo, api):
    detail = api.get("/api/v1/agreements/cflb-dpm/").json()
    assert detail["signed"]["year"] is None
    assert detail["signed"]["year_status"] == "unstated"
    assert (detail["signed"]["month"], detail["signed"]["day"]) == (8, 22)
    assert _signatories(detail) == ["Gao Anming", "Lou Wei"]
    assert len(detail["commitments"]) == 4


def test_tour_exhibition_targets_and_pilot_figures(demo):
    coverage = Indicator.objects.get(slug="county-libraries-14fyp")
    assert (coverage.comparator, coverage.target) == ("at_least", 200)
    assert (str(coverage.period_start), str(coverage.period_end)) == ("2021-01-01", "2025-12-31")
    visitors = Indicator.objects.get(slug="pilot-visitors")
    assert visitors.initiative.places == ["330521", "360982", "620982"]
    measurement = visitors.measurements.get()
    assert (measurement.value, measurement.qualifier) == (55000, "more_than")


def test_loading_twice_adds_nothing(demo, capsys):
    call_command("load_demo", image_scale=0.1)
    assert Agreement.objects.count() == 5
    assert "0 agreements added" in capsys.readouterr().out
