"""Documents and images uploaded through the real Wagtail admin views: content checked against the
extension, size limits, raster images only, and a media folder that cannot take the file gives a
clear error with nothing written. Then how documents are served."""

import io
import subprocess
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from centre.uploads import content_matches

Document = get_document_model()
Image = get_image_model()

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.domain)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def counts(db):
    before = (Document.objects.count(), Image.objects.count(), UploadedFile.objects.count())
    return lambda: (
        Document.objects.count() - before[0],
        Image.objects.count() - before[1],
        UploadedFile.objects.count() - before[2],
    )


def files_under(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _upload(client, url, name, content):
    return client.post(
        url,
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
        },
    )


def upload_document(client, name, content):
    return _upload(client, "/admin/documents/add/", name, content)


def upload_image(client, name, content):
    return _upload(client, "/admin/images/add/", name, content)


def file_errors(response):
    assert response.status_code == 200  # the form again
    page = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(
        error.get_text(" ", strip=True) for error in page.select(".error-message, .w-field__errors")
    )


def png_bytes(size=(4, 3)):
    output = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(output, "PNG")
    return output.getvalue()


def docx_bytes():
    import docx

    output = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Clause d'insertion")
    document.save(output)
    return output.getvalue()


def zip_bytes(entries):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return output.getvalue()


ODT = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})


def test_real_pdf_is_accepted_and_stored(admin_client, media, counts):
    response = upload_document(admin_client, "guide.pdf", PDF)
    assert response.status_code == 302
    assert counts()[0] == 1
    assert files_under(media / "documents") == ["guide.pdf"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("clauses.docx", docx_bytes()),
        ("clauses.odt", ODT),
        ("heures.csv", "année;heures\n2026;1 200\n".encode("cp1252")),
        ("lisez-moi.txt", "Texte accentué, « guillemets ».\n".encode()),
        ("modele.rtf", b"{\\rtf1\\ansi Clause}"),
    ],
)
def test_other_allowed_types_pass_when_their_content_matches(
    admin_client, media, counts, name, content
):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302, file_errors(response)
    assert counts()[0] == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", HTML),  # a web page renamed .pdf
        ("notes.txt", HTML),
        ("liste.csv", SVG),
        ("liste.csv", b"<?xml version='1.0'?><root/>"),
        ("binaire.txt", b"abc\x00def"),
        ("faux.docx", zip_bytes({"readme.txt": "pas un document Word"})),
        ("faux.odt", zip_bytes({"mimetype": "application/zip", "content.xml": "<x/>"})),
        ("faux.xlsx", PDF),
        ("faux.rtf", b"plain text"),
    ],
)
def test_content_that_does_not_match_its_extension_is_refused(
    admin_client, media, counts, name, content
):
    response = upload_document(admin_client, name, content)
    assert "ne correspond pas à son extension" in file_errors(response)
    assert counts() == (0, 0, 0)
    assert files_under(media) == []


def test_multiple_uploader_refuses_the_same_files(admin_client, media, counts):
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile("rapport.pdf", HTML),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    body = response.json()
    assert body["success"] is False
    assert "ne correspond pas à son extension" in body["error_message"]
    assert counts() == (0, 0, 0)
    assert files_under(media) == []


def test_oversized_document_is_refused_in_french(admin_client, media, counts, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload_document(admin_client, "gros.pdf", PDF + b"0" * 2048)
    errors = file_errors(response)
    assert "trop gros" in errors or "taille maximale" in errors
    assert counts() == (0, 0, 0)
    assert files_under(media) == []


def test_raster_image_is_accepted(admin_client, media, counts):
    response = upload_image(admin_client, "photo.png", png_bytes())
    assert response.status_code == 302, file_errors(response)
    assert counts()[1] == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [("logo.svg", SVG), ("logo.png", SVG), ("page.html", HTML), ("photo.jpg", png_bytes())],
)
def test_svg_html_and_mislabelled_images_are_refused(admin_client, media, counts, name, content):
    response = upload_image(admin_client, name, content)
    assert file_errors(response)
    assert counts() == (0, 0, 0)
    assert files_under(media) == []


def test_svg_is_not_an_allowed_image_extension(settings):
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert set(settings.WAGTAILIMAGES_EXTENSIONS) <= {"avif", "gif", "jpg", "jpeg", "png", "webp"}


def test_oversized_image_is_refused_in_french(admin_client, media, counts, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = upload_image(admin_client, "grande.png", png_bytes((400, 400)))
    errors = file_errors(response)
    assert "trop gros" in errors or "taille maximale" in errors
    assert counts() == (0, 0, 0)


# The media folder cannot take the file.


def test_unwritable_media_folder_gives_a_form_error_and_writes_nothing(
    admin_client, settings, tmp_path, counts
):
    # Root writes anywhere whatever the permissions: a path under a regular file fails for
    # everyone (NotADirectoryError).
    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    for response in (
        upload_document(admin_client, "guide.pdf", PDF),
        upload_image(admin_client, "photo.png", png_bytes()),
    ):
        assert "n'accepte pas d'écriture" in file_errors(response)
    assert counts() == (0, 0, 0)
    assert blocker.read_text() == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pas-un-dossier"]


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 64 KiB file system (tmpfs); skipped where mounting is not permitted."""
    mount_point = tmp_path / "petit-disque"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(
            "mounting a 64 KiB tmpfs is not permitted here (needs root or CAP_SYS_ADMIN): "
            + (result.stderr.strip() or f"exit code {result.returncode}")
        )
    yield mount_point
    subprocess.run(["umount", str(mount_point)], check=True)


def test_full_disk_gives_a_form_error_and_writes_nothing(admin_client, settings, tiny_disk, counts):
    settings.MEDIA_ROOT = tiny_disk
    settings.UPLOAD_FREE_SPACE_MARGIN = 8 * 1024
    too_big = PDF + b"%" + b"0" * (80 * 1024)
    response = upload_document(admin_client, "gros.pdf", too_big)
    assert "plus assez d'espace disque" in file_errors(response)
    assert counts() == (0, 0, 0)
    assert files_under(tiny_disk) == []
    # A file that fits, with the margin left free, is stored on the same disk.
    response = upload_document(admin_client, "petit.pdf", PDF)
    assert response.status_code == 302
    assert counts()[0] == 1
    assert files_under(tiny_disk) == ["petit.pdf"]


# Serving: only PDFs open in the browser; nothing runs from a document.


@pytest.fixture
def stored(media, db):
    def make(name, content):
        document = Document(title=name)
        document.file.save(name, ContentFile(content), save=False)
        document.save()
        return document

    return make


def test_pdf_opens_inline_and_everything_else_downloads(client, stored, settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == ["application/pdf"]
    pdf = client.get(stored("guide.pdf", PDF).url)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline")
    for name, content in (("notes.txt", b"texte"), ("heures.csv", b"a;b\n")):
        response = client.get(stored(name, content).url)
        assert response["Content-Disposition"].startswith("attachment"), name
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'"


def test_content_checks_directly():
    def upload(name, content):
        return SimpleUploadedFile(name, content)

    assert content_matches(upload("a.pdf", PDF), "pdf")
    assert not content_matches(upload("a.pdf", b"  " + HTML), "pdf")
    assert content_matches(upload("a.docx", docx_bytes()), "docx")
    assert not content_matches(upload("a.docx", docx_bytes()), "xlsx")
    assert content_matches(upload("a.zip", zip_bytes({"a.txt": "x"})), "zip")
    assert not content_matches(upload("a.zip", b"PK\x03\x04 broken"), "zip")
    assert not content_matches(upload("a.exe", b"MZ"), "exe")  # unknown types are refused
    assert not content_matches(upload("a.txt", b"\xff\xfe\x00h\x00i"), "txt")  # UTF-16: NULs
