"""Errors speak Japanese and never show a traceback."""

import pytest
from django.test import Client
from django.urls import path

from intranet.urls import urlpatterns as project_urlpatterns


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken_view), *project_urlpatterns]


@pytest.mark.django_db
def test_unknown_page_gets_the_japanese_404(staff_client):
    response = staff_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("tests.intranet.test_error_pages")
def test_server_error_gets_the_japanese_500(staff_user):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    response = client.get("/broken/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "システムエラーが発生しました" in body
    assert "boom" not in body


def forbidden_view(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


urlpatterns.insert(0, path("forbidden/", forbidden_view))


@pytest.mark.django_db
@pytest.mark.urls("tests.intranet.test_error_pages")
def test_permission_denied_gets_the_japanese_403(staff_client):
    response = staff_client.get("/forbidden/")
    assert response.status_code == 403
    assert "このページを開く権限がありません" in response.content.decode()
