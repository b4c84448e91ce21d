from django.urls import path

from . import suggest, views

app_name = "search"

urlpatterns = [
    path("", views.search, name="results"),
    path("open/", views.click, name="click"),
    path("suggest/", suggest.suggestions_view, name="suggest"),
]
