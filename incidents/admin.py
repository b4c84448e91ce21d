"""The administration office keeps the report categories (誤送付・誤交付, 紛失 …) in the admin.

Reports and cases are reviewed and published on the app's own screens. A
category in use cannot be deleted (reports and cases hold it with PROTECT):
the office is not given the delete permission (``incidents.setup``), and
whoever has it is told why instead of meeting an error; a category no longer
needed is simply no longer offered.
"""

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Category


class CategoryDeleteView(generic.DeleteView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "“%(category)s” is used by reports or cases and cannot be deleted. "
                    "Untick “offered on new reports” to stop offering it."
                )
                % {"category": self.object},
            )
            return redirect(self.edit_url_name, self.object.pk)


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "tag"
    menu_label = gettext_lazy("Incident categories")
    menu_order = 340
    add_to_admin_menu = True
    delete_view_class = CategoryDeleteView
    list_display = [
        "name",
        "description",
        "sort_order",
        # Wagtail would print the boolean as "True"/"False".
        Column(
            "active",
            label=gettext_lazy("offered on new reports"),
            accessor=lambda category: _("Yes") if category.active else _("No"),
        ),
    ]
    search_fields = ["name", "description"]
    ordering = ["sort_order", "pk"]
    form_fields = ["name", "description", "sort_order", "active"]
