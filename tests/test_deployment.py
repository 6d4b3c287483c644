"""The production stack description is well formed (no Docker engine runs here to start it)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def load_compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_defines_web_database_and_opensearch_with_healthchecks():
    services = load_compose()["services"]
    assert set(services) == {"web", "scheduler", "db", "opensearch"}
    for name, service in services.items():
        assert "test" in service["healthcheck"], name
    assert services["web"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "opensearch": {"condition": "service_healthy"},
    }
    assert services["db"]["image"].startswith("postgres:15")
    schedule = " ".join(services["scheduler"]["command"])
    assert "publish_scheduled" in schedule and "send_contract_alerts" in schedule
    # The line CI runs (search/opensearch/pom.xml).
    assert services["opensearch"]["image"].split(":")[-1].startswith("2.19.")


def test_compose_web_is_configured_from_environment_and_persists_data():
    compose = load_compose()
    web = compose["services"]["web"]
    environment = web["environment"]
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["OPENSEARCH_URL"] == "http://opensearch:9200"
    assert ":?" in environment["SECRET_KEY"]  # compose refuses to start without it
    declared = set(compose["volumes"])
    used = {
        mount.split(":")[0]
        for service in compose["services"].values()
        for mount in service.get("volumes", [])
    }
    assert used == declared == {"media", "postgres-data", "opensearch-data"}


def test_dockerfile_serves_with_gunicorn_in_production_settings():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "DJANGO_SETTINGS_MODULE=centre.settings.production" in dockerfile
    assert "gunicorn centre.wsgi:application" in dockerfile
    assert "collectstatic" in dockerfile
