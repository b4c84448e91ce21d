"""A stand-in app's URLconf for tests/intranet/test_app_urls.py."""

from django.http import HttpResponse
from django.urls import path

app_name = "mounted_app"
urlpatterns = [path("", lambda request: HttpResponse("mounted"), name="index")]
