"""A ``<select>`` written out in Python, for lists that grow with the organisation.

Through ``FORM_RENDERER = TemplatesSetting`` every option of a select is a
template of its own (``django/forms/widgets/select_option.html``, with the
project's blank-choice label): the department filter of the search page
renders one per department, about 3 ms at 40 departments, on every search.
``PlainSelect`` writes the same HTML as those templates (the select, its
attributes, optgroups and options, with the same escaping and the same
「選んでください…」 for Django's blank choice) without a template per option.
tests/intranet/test_plain_select.py compares the two outputs.
"""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

# Django's label for a blank choice (BLANK_CHOICE_DASH, ModelChoiceField.empty_label).
BLANK_LABEL = "---------"


def _text(value):
    """``{{ value|stringformat:'s' }}`` as a template writes it."""
    text = str(value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs):
    """``django/forms/widgets/attrs.html``."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {conditional_escape(name)}")
        if value is not True:
            out.append(f'="{_text(value)}"')
    return "".join(out)


def _option(option):
    """The project's ``django/forms/widgets/select_option.html``."""
    value = _text(option["value"])
    label = option["label"]
    if label == BLANK_LABEL and str(option["value"]) == "":
        label = gettext("Choose…")
    return f'<option value="{value}"{_attrs(option["attrs"])}>{conditional_escape(label)}</option>'


class PlainSelect(forms.Select):
    """``forms.Select`` with the HTML of its templates, written without rendering them."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        out = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            # The option template's file ends with a line end, and so does each option.
            out.extend(f"\n  {_option(option)}\n" for option in options)
            if group_name:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))
