from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReservationsConfig(AppConfig):
    name = "reservations"
    verbose_name = _("Rooms and equipment")

    def ready(self):
        from intranet.dashboard import DashboardPanel, register_panel

        # Filled from the schedule and the bookings once those models exist.
        register_panel(
            DashboardPanel(
                key="reservations.today",
                title=_("Today's schedule"),
                order=10,
                empty_message=_("Nothing is scheduled for today."),
            )
        )
        register_panel(
            DashboardPanel(
                key="reservations.my_bookings",
                title=_("My bookings"),
                order=20,
                empty_message=_("You have no upcoming booking of a room or equipment."),
            )
        )
