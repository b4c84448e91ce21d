from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReservationsConfig(AppConfig):
    name = "reservations"
    verbose_name = _("Rooms and equipment")
    url_prefix = "reservations/"

    def ready(self):
        from . import setup

        setup.connect()
