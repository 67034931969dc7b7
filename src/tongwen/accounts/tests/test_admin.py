import pytest

from tongwen.accounts import services

pytestmark = pytest.mark.django_db


def test_admin_is_for_superusers_only(client):
    staff = services.user_create(username="staff", password="pw-staff-123456")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get("/admin/").status_code == 302
    root = services.user_create(username="root", password="pw-root-123456", is_superuser=True)
    client.force_login(root)
    assert client.get("/admin/").status_code == 200
