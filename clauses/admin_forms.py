from django import forms

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class LabourShareImportForm(forms.Form):
    file = forms.FileField(
        label="Fichier CSV",
        help_text="UTF-8, séparateur virgule ou point-virgule. Une seule ligne fautive : rien n'est importé.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Fichier trop volumineux (2 Mo au plus).")
        try:
            self.cleaned_data["text"] = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                "Le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 »."
            ) from error
        return upload
