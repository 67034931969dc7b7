"""The demo collection, as `make run` loads it, harvested by a real OAI-PMH client."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from sickle import Sickle  # type: ignore[import-untyped]

from tongwen.accounts.demo import sample_accounts_create
from tongwen.agreements.demo.loader import load_demo
from tongwen.catalog.demo.loader import load_catalog_demo
from tongwen.catalog.models import Resource


@pytest.mark.django_db(transaction=True)
def test_sickle_harvests_the_whole_demo_collection_exactly_once(live_server, settings):
    settings.TONGWEN_OAI_PAGE_SIZE = 7  # several resumption tokens over ~50 public records
    load_demo()
    sample_accounts_create()
    counts = load_catalog_demo(image_scale=0.05)
    assert counts["resources"] >= 40

    public = set(
        Resource.objects.filter(visibility=Resource.Visibility.PUBLIC).values_list(
            "slug", flat=True
        )
    )
    prefix = f"oai:{django_settings.TONGWEN_OAI_NAMESPACE}:"
    sickle = Sickle(live_server.url + "/oai")
    for metadata_prefix in ("oai_dc", "mods"):
        records = list(sickle.ListRecords(metadataPrefix=metadata_prefix))
        served = [r.header.identifier for r in records]
        assert len(served) == len(set(served)), "a record was served twice"
        assert {s.removeprefix(prefix) for s in served} == public
        assert all(r.metadata for r in records)

    shiji = sickle.GetRecord(metadataPrefix="oai_dc", identifier=prefix + "shiji")
    assert "史記" in shiji.metadata["title"]
