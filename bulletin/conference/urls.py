"""The e-conference room's screens, in the ``bulletin`` namespace, under /bulletin/conference/."""

from django.urls import path

from . import views

POST = "conference/<slug:slug>/<int:thread_pk>/posts/<int:pk>/"

urlpatterns = [
    path("conference/", views.board_list, name="boards"),
    path("conference/<slug:slug>/", views.board, name="board"),
    path("conference/<slug:slug>/archive/", views.board_archive, name="board_archive"),
    path("conference/<slug:slug>/new/", views.new_thread, name="new_thread"),
    path("conference/<slug:slug>/<int:pk>/", views.thread, name="thread"),
    path("conference/<slug:slug>/<int:pk>/reply/", views.reply, name="reply"),
    path(POST + "edit/", views.edit_post, name="edit_post"),
    path(POST + "hide/", views.hide_post, name="hide_post"),
    path(POST + "unhide/", views.unhide_post, name="unhide_post"),
    path(POST + "react/", views.react, name="react"),
]
