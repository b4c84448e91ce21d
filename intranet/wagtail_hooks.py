from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.viewsets.base import ViewSetGroup

from . import admin_views, files, lockouts, roles, visibility
from .privacy import views as privacy_views
from .privacy.admin import PrivacyOverrideViewSet


@hooks.register("construct_page_chooser_queryset")
def hide_restricted_pages_in_choosers(pages, request):
    """A page chooser offers only pages the user may open (its view restrictions included)."""
    return visibility.visible_pages(request.user, pages)


@hooks.register("insert_global_admin_css")
def admin_styles():
    """The intranet's corrections to the admin's look (its focus ring's contrast)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("before_serve_document")
def serve_documents_only_as_their_owner_allows(document, request):
    """Wagtail's /documents/ address asks the owning app, as every other route does."""
    files.check_download(request.user, document)


class OrganisationViewSetGroup(ViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "group"
    menu_order = 300
    items = (admin_views.DepartmentViewSet, admin_views.StaffProfileViewSet)


@hooks.register("register_admin_viewset")
def register_organisation_viewsets():
    return OrganisationViewSetGroup()


@hooks.register("register_admin_viewset")
def register_privacy_override_viewset():
    return PrivacyOverrideViewSet("privacy_overrides")


@hooks.register("register_admin_urls")
def register_department_management_urls():
    return [
        path("login-lockouts/", lockouts.lockout_list, name="intranet_login_lockouts"),
        path(
            "personal-data/pages/<int:pk>/",
            privacy_views.page_override,
            name="intranet_privacy_override",
        ),
        path("login-lockouts/<int:pk>/unlock/", lockouts.unlock, name="intranet_unlock_login"),
        path(
            "my-departments/",
            admin_views.managed_department_list,
            name="intranet_managed_departments",
        ),
        path(
            "my-departments/<int:pk>/",
            admin_views.managed_department_detail,
            name="intranet_managed_department",
        ),
        path(
            "my-departments/<int:pk>/staff/<int:staff_pk>/",
            admin_views.managed_staff_edit,
            name="intranet_managed_department_staff",
        ),
    ]


class ManagedDepartmentsMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.managed_departments(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_managed_departments_menu_item():
    return ManagedDepartmentsMenuItem(
        _("My departments"),
        reverse("intranet_managed_departments"),
        icon_name="group",
        order=250,
    )


REVIEW_QUEUE_ORDER = 10


@hooks.register("construct_homepage_panels")
def put_the_review_queue_first(request, panels):
    """What waits for this user's approval comes before everything else on the admin home.

    Wagtail puts it below the FAQ and search panels; for a reviewer it is the
    day's first job. The panel shows nothing when nothing waits.
    """
    for panel in panels:
        if isinstance(panel, WorkflowObjectsToModeratePanel):
            panel.order = REVIEW_QUEUE_ORDER


class BackToIntranetMenuItem(MenuItem):
    """The intranet's home page, linked by its full address.

    Wagtail's sidebar marks as current the item whose link begins the page's
    path; "/" begins every path, so the admin home would show it as current.
    """

    def render_component(self, request):
        return LinkMenuItemComponent(
            self.name,
            self.label,
            request.build_absolute_uri(self.url),
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


@hooks.register("register_admin_menu_item")
def register_back_to_intranet_menu_item():
    return BackToIntranetMenuItem(
        _("Back to the intranet"), reverse("home"), icon_name="home", order=0
    )


@hooks.register("construct_main_menu")
def hide_wagtail_help_menu(request, menu_items):
    """Wagtail's help menu offers its English editor guide and release notes, not the city's."""
    menu_items[:] = [item for item in menu_items if item.name != "help"]


class LoginLockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(lockouts.UNLOCK_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_login_lockouts_menu_item():
    return LoginLockoutsMenuItem(
        _("Login lockouts"), reverse("intranet_login_lockouts"), icon_name="lock", order=900
    )
