from wagtail import hooks

from .admin import CategoryViewSet


@hooks.register("register_admin_viewset")
def register_incident_viewsets():
    return CategoryViewSet("incidents_categories")
