from wagtail import hooks

from .admin import MaterialsViewSetGroup


@hooks.register("register_admin_viewset")
def register_materials_viewsets():
    return MaterialsViewSetGroup()
