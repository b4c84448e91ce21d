from django.urls import path

from .views import downloads, libraries, materials, meetings

app_name = "materials"

urlpatterns = [
    path("", meetings.index, name="index"),
    path("series/<int:pk>/", meetings.series, name="series"),
    path("series/<int:pk>/meetings/new/", meetings.meeting_add, name="meeting_add"),
    path("meetings/<int:pk>/", meetings.meeting, name="meeting"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/materials/new/", materials.add_to_meeting, name="meeting_upload"),
    path("libraries/", libraries.index, name="libraries"),
    path("libraries/categories/<int:pk>/", libraries.category, name="category"),
    path(
        "libraries/categories/<int:pk>/materials/new/",
        libraries.upload,
        name="category_upload",
    ),
    path("<int:pk>/", materials.detail, name="material"),
    path("<int:pk>/edit/", materials.edit, name="material_edit"),
    path("<int:pk>/versions/new/", materials.replace, name="material_replace"),
    path("<int:pk>/personal-data/", materials.personal_data, name="material_privacy"),
    path("files/<int:pk>/", downloads.download, name="download"),
]
