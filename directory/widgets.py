"""Autocomplete widgets for the admin: a select that renders only the chosen values (not the
35 000 communes) and a search field whose suggestions come from a staff-only endpoint
(directory/admin_views.py: autocomplete_view). The script directory/js/autocomplete.js adds
and removes values; the form validates them against the field's queryset as usual."""

from django import forms
from django.urls import reverse


class AutocompleteMixin:
    template_name = "directory/widgets/autocomplete.html"

    def __init__(self, source, placeholder="", attrs=None):
        self.source = source
        self.placeholder = placeholder
        super().__init__(attrs)

    def optgroups(self, name, value, attrs=None):
        ids = [v for v in value if str(v).isdigit()]
        queryset = self.choices.queryset
        chosen = queryset.filter(pk__in=ids).select_related() if ids else queryset.none()
        options = [
            self.create_option(name, obj.pk, self.choices.field.label_from_instance(obj), True, i)
            for i, obj in enumerate(chosen)
        ]
        return [(None, options, 0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["source_url"] = reverse("directory_autocomplete", args=[self.source])
        context["widget"]["placeholder"] = self.placeholder
        # The field's label names the search box (the select is hidden by the script).
        field_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["search_id"] = field_id
        context["widget"]["attrs"]["id"] = f"{field_id}_valeurs"
        return context

    class Media:
        js = ["directory/js/autocomplete.js"]
        css = {"all": ["directory/css/admin-autocomplete.css"]}


class AutocompleteSelect(AutocompleteMixin, forms.Select):
    pass


class AutocompleteSelectMultiple(AutocompleteMixin, forms.SelectMultiple):
    pass
