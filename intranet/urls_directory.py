from django.urls import path

from . import directory, staff_picker

app_name = "directory"

urlpatterns = [
    path("", directory.directory_index, name="index"),
    path("staff/pick/", staff_picker.pick_view, name="pick"),
]
