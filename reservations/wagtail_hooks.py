from wagtail import hooks

from .admin import ReservationsViewSetGroup


@hooks.register("register_admin_viewset")
def register_reservations_viewsets():
    return ReservationsViewSetGroup()
