"""The e-conference room's screens, in the ``bulletin`` namespace, under /bulletin/conference/."""

from django.urls import path

from . import views

urlpatterns = [
    path("conference/", views.board_list, name="boards"),
]
