from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Meeting materials")
    url_prefix = "materials/"

    def ready(self):
        from . import setup

        setup.connect()
