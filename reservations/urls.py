from .schedule import views as schedule
from .views import approvals, bookings, feeds, timeline

app_name = "reservations"

# URL names every area may link to (each area's module defines its own):
#   timeline            /reservations/                  day timeline of many rooms (?date=)
#   resource            /reservations/resources/<pk>/   a resource's week (month/: its month)
#   find_room           /reservations/find/             「空き会議室を探す」
#   new                 /reservations/new/              the booking form (?resource=&start=&end=)
#   booking, edit, cancel, return_vehicle               /reservations/<pk>/…
#   mine                /reservations/mine/             my bookings
#   approvals, decide   /reservations/approvals/, /reservations/<pk>/decide/
#   booking_ics, feeds, feed, export_csv                iCalendar and CSV
#   schedule, department_schedule, event_new, event, find_time   /reservations/schedule/…
urlpatterns = [
    *timeline.urlpatterns,
    *bookings.urlpatterns,
    *approvals.urlpatterns,
    *feeds.urlpatterns,
    *schedule.urlpatterns,
]
