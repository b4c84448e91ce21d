"""Login, logout and password change, with Japanese templates."""

import ipaddress

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from .session_timeout import extend_session


class StaffPasswordChangeForm(PasswordChangeForm):
    """Django's form, with the label staff expect: 「現在のパスワード」."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")


def family_name_first(user):
    """A user's full name as the city writes it: 「姓 名」, family name first.

    Django and Wagtail show a user (page owner, revisions, workflow, user
    list) through ``get_full_name``, which puts the given name first. The
    intranet core sets this function in its place (``IntranetConfig.ready``):
    changing ``AUTH_USER_MODEL`` on an existing database is not something
    Django supports.
    """
    return f"{user.last_name} {user.first_name}".strip()


def show_full_names_in_the_admin_sidebar():
    """Name the signed-in user 「姓 名」 at the foot of the Wagtail admin's sidebar.

    Wagtail's sidebar shows ``user.first_name`` alone (the given name, as if
    among friends); it takes the name from ``MainMenuModule.js_args``, which
    this wraps, since the sidebar has no hook or template for it.
    """
    from wagtail.admin.ui.sidebar import MainMenuModule

    wagtails_js_args = MainMenuModule.js_args

    def js_args(self):
        args = wagtails_js_args(self)
        full_name = self.user.get_full_name()
        if full_name:
            args[2]["name"] = full_name
        return args

    MainMenuModule.js_args = js_args


def client_ip(request):
    """The staff member's address, for login throttling.

    Behind ``TRUSTED_PROXY_COUNT`` proxies it is the address the outermost
    trusted proxy saw (X-Forwarded-For, counted from the right, so a client
    cannot forge it); otherwise the connection's own address.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies and _is_address(forwarded[-proxies]):
        return forwarded[-proxies]
    address = request.META.get("REMOTE_ADDR", "")
    return address if _is_address(address) else None


def login_username(request, credentials):
    """The user name a login attempt gave, cut to what the attempt log stores (255 characters).

    A user name longer than any account's is still counted against the address.
    """
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "data", request.POST).get("username")
    return username[:255] if isinstance(username, str) else username


def _is_address(text):
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


urlpatterns = [
    path(
        "login/",
        # A logged-in user sent here lacks permission for where they were going;
        # the page says so instead of bouncing them back (a redirect loop).
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            form_class=StaffPasswordChangeForm, success_url=reverse_lazy("password_change_done")
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("session/extend/", extend_session, name="session_extend"),
]
