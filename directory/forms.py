from django import forms

from .models import CORRECTABLE_FIELDS, Correction


class CorrectionForm(forms.ModelForm):
    # Honeypot: hidden from people (CSS and aria-hidden), filled by robots.
    site_web_verification = forms.CharField(
        required=False, label="Ne pas remplir ce champ", max_length=200
    )

    class Meta:
        model = Correction
        fields = ["field", "proposed_value", "comment"]
        labels = {
            "field": "Information à modifier",
            "proposed_value": "Nouvelle valeur",
            "comment": "Précisions (facultatif)",
        }
        help_texts = {
            "proposed_value": "Uniquement des coordonnées professionnelles, jamais de données personnelles.",
        }
        widgets = {
            "proposed_value": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "comment": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = list(CORRECTABLE_FIELDS.items())
        for name, form_field in self.fields.items():
            css = "fr-select" if name == "field" else "fr-input"
            form_field.widget.attrs.setdefault("class", css)

    def clean_proposed_value(self):
        value = self.cleaned_data["proposed_value"].replace("\x00", "").strip()
        if len(value) > 2000:
            raise forms.ValidationError("La valeur proposée ne doit pas dépasser 2 000 caractères.")
        if not value:
            raise forms.ValidationError("Indiquez la nouvelle valeur.")
        return value

    def clean_comment(self):
        value = self.cleaned_data["comment"].replace("\x00", "").strip()
        return value[:2000]

    @property
    def is_spam(self):
        return bool(self.data.get("site_web_verification"))
