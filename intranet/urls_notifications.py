from django.urls import path

from . import notifications

app_name = "notifications"

urlpatterns = [
    path("", notifications.notification_list, name="list"),
    path("<int:pk>/", notifications.open_notification, name="open"),
    path("read-all/", notifications.mark_all_read, name="mark_all_read"),
]
