import shutil
import subprocess

import pytest

from core.pdf import html_to_pdf


def test_pdf_renders_french_text_with_local_stylesheet(tmp_path):
    html = (
        '<html lang="fr"><head><link rel="stylesheet" href="/static/centre/css/site.css">'
        "</head><body><h1>Clause d'exécution</h1><p>800 heures d'insertion</p>"
        '<img src="https://exemple.invalid/image.png" alt=""></body></html>'
    )
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext absent : sudo apt-get install -y poppler-utils")
    path = tmp_path / "clause.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Clause d'exécution" in text and "800 heures d'insertion" in text
