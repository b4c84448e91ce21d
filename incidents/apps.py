from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Mistakes and near misses")
    url_prefix = "incidents/"

    def ready(self):
        from . import setup

        setup.connect()
