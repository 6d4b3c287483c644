"""Static files in production: hashed names, compressed copies, far-future cache headers.

The production settings are loaded in a subprocess (they refuse to start without SECRET_KEY and
switch to the manifest storage), which collects our apps' static files into a temporary folder
and asks WhiteNoise for them through Django's test client.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import json, django
from django.conf import settings
from django.core.management import call_command
django.setup()
# Wagtail's and Django's admin files are collected the same way; ours are enough to check.
call_command("collectstatic", interactive=False, verbosity=0,
             ignore_patterns=["wagtail*", "admin", "table_block", "typed_table_block"])
from django.templatetags.static import static
from django.test import Client
client = Client(HTTP_ACCEPT_ENCODING="gzip, br")
hashed = static("centre/css/site.css")
answers = {}
for name, url in (("hashed", hashed), ("plain", "/static/centre/css/site.css")):
    response = client.get(url)
    answers[name] = {
        "url": url,
        "status": response.status_code,
        "cache_control": response.get("Cache-Control", ""),
        "encoding": response.get("Content-Encoding", ""),
        "vary": response.get("Vary", ""),
    }
print(json.dumps(answers))
"""


def test_static_files_are_hashed_compressed_and_cached_for_a_year(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "centre.settings.production",
        "SECRET_KEY": "static-files-test",
        "STATIC_ROOT": str(tmp_path / "static"),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "testserver",
    }
    env.pop("DATABASE_URL", None)  # nothing here touches the database
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])

    hashed = answers["hashed"]
    assert hashed["url"] != "/static/centre/css/site.css", "the page links the hashed name"
    assert hashed["status"] == 200
    assert "max-age=315360000" in hashed["cache_control"]
    assert "immutable" in hashed["cache_control"]
    assert hashed["encoding"] in {"gzip", "br"}
    assert "Accept-Encoding" in hashed["vary"]
    # The unhashed name may change under the same URL: it is cached briefly only.
    plain = answers["plain"]
    assert plain["status"] == 200 and "immutable" not in plain["cache_control"]
