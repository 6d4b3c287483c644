"""Checks on files uploaded in the admin: documents and images (WAGTAILDOCS_DOCUMENT_FORM_BASE,
WAGTAILIMAGES_IMAGE_FORM_BASE).

- The content must match the extension: a PDF starts with `%PDF-`, a .docx/.xlsx/.odt/.ods is a
  zip holding that format's own files, an .rtf starts with `{\\rtf`, a .csv/.txt is text (no NUL,
  no control characters) that does not look like HTML, SVG or XML markup. Images: Wagtail already
  checks that the picture's format matches its extension; only raster formats are allowed
  (WAGTAILIMAGES_EXTENSIONS has no svg).
- Size limits with a French message (WAGTAILDOCS_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_UPLOAD_SIZE).
- Before anything is saved, the media folder that will receive the file must really accept a
  file (one is created and deleted there) and keep UPLOAD_FREE_SPACE_MARGIN free after it.
  Otherwise the form shows an error and nothing is written: no row, no partial file.
"""

import codecs
import logging
import os
import re
import shutil
import tempfile
import zipfile

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger(__name__)

HEAD_SIZE = 8192
# Markup a browser could render: HTML, SVG, XML (with its processing instruction or a doctype).
MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|iframe|object|embed|svg|math|\?xml|!\[cdata\[|"
    rb"meta|link|style|img|a\s+href|form|base)\b",
    re.IGNORECASE,
)
# Characters that never appear in a text file (tabs, line and page breaks do).
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Office formats: which files their zip must hold, and the ODF mimetype entry.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
LABELS = {
    "pdf": "un PDF",
    "docx": "un document Word (.docx)",
    "xlsx": "un classeur Excel (.xlsx)",
    "odt": "un texte OpenDocument (.odt)",
    "ods": "un classeur OpenDocument (.ods)",
    "rtf": "un document RTF",
    "zip": "une archive zip",
    "csv": "un fichier CSV (texte)",
    "txt": "un fichier texte",
}


def extension_of(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _head(file):
    file.seek(0)
    head = file.read(HEAD_SIZE)
    file.seek(0)
    return head


def _zip_names(file):
    """The zip's member names, or None when the file is not a readable zip."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 200:
                mimetype = archive.read("mimetype")
        return names, mimetype.decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None, ""
    finally:
        file.seek(0)


def _is_text(file):
    """No NUL or other control byte, and readable as UTF-8 or Windows-1252 (Excel's CSV)."""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        file.seek(0)
        try:
            for chunk in file.chunks():
                if CONTROL.search(chunk):
                    return False
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return True
        except UnicodeDecodeError:
            continue
        finally:
            file.seek(0)
    return False


def content_matches(file, extension):
    """Whether the file's content is what its extension says."""
    head = _head(file)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "rtf":
        return head.startswith(b"{\\rtf")
    if extension in {"csv", "txt"}:
        return not MARKUP.search(head) and _is_text(file)
    if extension in {"docx", "xlsx", "odt", "ods", "zip"}:
        if not head.startswith(b"PK\x03\x04"):
            return False
        names, mimetype = _zip_names(file)
        if names is None:
            return False
        if extension in OOXML_PARTS:
            return "[Content_Types].xml" in names and OOXML_PARTS[extension] in names
        if extension in ODF_MIMETYPES:
            return mimetype == ODF_MIMETYPES[extension] and "content.xml" in names
        return True
    return False  # a type nobody taught us to check is refused


def storage_problem(storage, folder, size):
    """A French message when the media folder cannot take a file of `size` bytes, else ''.

    Storages without local paths (object storage) have nothing to probe here.
    """
    try:
        directory = storage.path(folder)
    except (NotImplementedError, AttributeError):
        return ""
    margin = getattr(settings, "UPLOAD_FREE_SPACE_MARGIN", 0)
    try:
        os.makedirs(directory, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".essai-ecriture-"):
            pass
        free = shutil.disk_usage(directory).free
    except OSError as error:
        logger.error("Upload refused: media folder %s is not writable (%s)", directory, error)
        return (
            "Le fichier n'a pas été enregistré : le dossier des fichiers déposés n'accepte pas "
            "d'écriture sur le serveur. Rien n'a été créé ; prévenez l'équipe technique "
            "(dossier MEDIA_ROOT), puis réessayez."
        )
    if free < size + margin:
        logger.error(
            "Upload refused: %s bytes free in %s for a file of %s bytes", free, directory, size
        )
        return (
            f"Le fichier n'a pas été enregistré : le serveur n'a plus assez d'espace disque "
            f"({filesizeformat(free)} libres pour un fichier de {filesizeformat(size)}). "
            "Rien n'a été créé ; prévenez l'équipe technique, puis réessayez."
        )
    return ""


class CheckedUploadMixin:
    """clean_file for Wagtail's document and image forms."""

    max_size_setting = ""
    kind = ""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not isinstance(file, UploadedFile):  # editing without a new file
            return file
        max_size = getattr(settings, self.max_size_setting, None)
        if max_size is not None and file.size > max_size:
            raise forms.ValidationError(
                f"Ce fichier pèse {filesizeformat(file.size)} : la taille maximale d'un "
                f"{self.kind} est {filesizeformat(max_size)}.",
                code="file_too_large",
            )
        self.check_content(file)
        field = self._meta.model._meta.get_field("file")
        folder = os.path.dirname(field.generate_filename(self.instance, file.name))
        problem = storage_problem(field.storage, folder, file.size)
        if problem:
            raise forms.ValidationError(problem, code="storage")
        return file

    def check_content(self, file):
        pass


class DocumentForm(CheckedUploadMixin, BaseDocumentForm):
    max_size_setting = "WAGTAILDOCS_MAX_UPLOAD_SIZE"
    kind = "document"

    def check_content(self, file):
        extension = extension_of(file.name)
        if not content_matches(file, extension):
            expected = LABELS.get(extension, f"un fichier .{extension}")
            raise forms.ValidationError(
                f"Le contenu de « {file.name} » ne correspond pas à son extension : ce n'est "
                f"pas {expected}. Enregistrez-le de nouveau dans ce format depuis son logiciel, "
                "ou déposez-le avec la bonne extension.",
                code="content_mismatch",
            )


class ImageForm(CheckedUploadMixin, BaseImageForm):
    max_size_setting = "WAGTAILIMAGES_MAX_UPLOAD_SIZE"
    kind = "image"
