"""Dashboard panels on the home page, registered by each app.

An app describes its panel once, in its ``AppConfig.ready``::

    from intranet.dashboard import DashboardPanel, PanelItem, register_panel

    register_panel(DashboardPanel(
        key="bulletin.unconfirmed",
        title=_("Notices I have not confirmed"),
        order=30,
        items=lambda request: [PanelItem(title=n.title, url=n.url) for n in ...],
        empty_message=_("You have confirmed every notice."),
    ))

The home page shows every panel whose ``is_visible(request)`` is true, in
``order``, each listing its items or, when there are none, its empty message.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PanelItem:
    title: str
    url: str = ""
    meta: str = ""


@dataclass(frozen=True)
class DashboardPanel:
    key: str
    title: str
    order: int
    items: Callable = field(default=lambda request: [])
    empty_message: str = ""
    more_url: str = ""
    more_label: str = ""
    is_visible: Callable = field(default=lambda request: True)
    template_name: str = "intranet/includes/dashboard_panel.html"


@dataclass(frozen=True)
class RenderedPanel:
    panel: DashboardPanel
    items: list


_panels: dict[str, DashboardPanel] = {}


def register_panel(panel):
    """Add or replace the panel with this key."""
    _panels[panel.key] = panel
    return panel


def registered_panels():
    return sorted(_panels.values(), key=lambda panel: (panel.order, panel.key))


def panels_for(request):
    """The panels this user sees, with their items, in display order."""
    return [
        RenderedPanel(panel=panel, items=list(panel.items(request)))
        for panel in registered_panels()
        if panel.is_visible(request)
    ]


def _my_department_items(request):
    from .roles import SECTION_HEAD

    profile = getattr(request.user, "staff_profile", None)
    if profile is None:
        return []
    department = profile.department
    items = [PanelItem(title=str(department), meta=_("My department"))]
    if department.extension_from and department.extension_to:
        items.append(
            PanelItem(
                title=f"{department.extension_from}–{department.extension_to}",
                meta=_("Extension range"),
            )
        )
    heads = department.staff.filter(user__groups__name=SECTION_HEAD).exclude(pk=profile.pk)
    for head in heads:
        items.append(
            PanelItem(
                title=f"{head.full_name}（{head.job_title}）",
                meta=_("Section head, extension %(ext)s") % {"ext": head.extension or "—"},
            )
        )
    return items


def register_core_panels():
    register_panel(
        DashboardPanel(
            key="intranet.my_department",
            title=_("My department"),
            order=90,
            items=_my_department_items,
            empty_message=_(
                "Your account has no staff profile yet. Ask a system administrator to add one."
            ),
            more_url="directory:index",
            more_label=_("Staff directory"),
        )
    )
