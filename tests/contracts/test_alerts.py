"""Alerts: subscribe, double opt-in, digest, unsubscribe, abuse and forged links."""

import datetime
import io
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone

from contracts import alerts
from contracts.digest import send_digests
from contracts.models import AlertSubscription, ContractStatus

pytestmark = pytest.mark.django_db


def link(message, kind):
    return re.search(
        rf"https?://[^\s]+/marches-a-venir/alertes/{kind}/[^\s/]+/", message.body
    ).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def subscribe(client, email="personne@example.org", query=""):
    return client.post(f"/marches-a-venir/alertes/{query}", {"email": email, "site_web": ""})


def confirmed_subscription(client, query="?secteur=proprete-et-nettoyage"):
    subscribe(client, query=query)
    confirm_url = path_of(link(mail.outbox[-1], "confirmer"))
    client.post(confirm_url)
    return AlertSubscription.objects.get()


def test_subscription_form_shows_the_saved_search(client, geo):
    response = client.get("/marches-a-venir/alertes/?secteur=proprete-et-nettoyage&departement=33")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Propreté et nettoyage" in text and "Gironde" in text


def test_double_opt_in(client, geo):
    response = subscribe(client, query="?secteur=proprete-et-nettoyage")
    assert response.status_code == 302
    subscription = AlertSubscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.filters == {"secteur": "proprete-et-nettoyage"}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["personne@example.org"]
    confirm_url = path_of(link(mail.outbox[0], "confirmer"))
    # Opening the link (what a mail scanner does) does not confirm.
    page = client.get(confirm_url)
    assert "Confirmer mon alerte" in page.content.decode()
    assert AlertSubscription.objects.get().confirmed_at is None
    client.post(confirm_url)
    assert AlertSubscription.objects.get().confirmed_at is not None
    again = client.post(confirm_url)
    assert "déjà confirmée" in again.content.decode()


@pytest.mark.parametrize("email", ["", "pas-une-adresse", "a@b", "x" * 300 + "@example.org"])
def test_malformed_or_empty_address_is_refused_in_french(client, geo, email):
    response = subscribe(client, email=email)
    assert response.status_code == 400
    assert "adresse électronique" in response.content.decode()
    assert not AlertSubscription.objects.exists()
    assert mail.outbox == []


def test_honeypot_pretends_success_but_stores_nothing(client, geo):
    response = client.post(
        "/marches-a-venir/alertes/", {"email": "robot@example.org", "site_web": "http://spam"}
    )
    assert response.status_code == 302
    assert not AlertSubscription.objects.exists()
    assert mail.outbox == []


def test_flood_of_subscriptions_gets_429_in_french(client, geo):
    statuses = [subscribe(client, email=f"p{i}@example.org").status_code for i in range(8)]
    assert statuses[:5] == [302] * 5
    assert statuses[-1] == 429
    last = subscribe(client, email="encore@example.org")
    assert "Trop de demandes" in last.content.decode()
    assert AlertSubscription.objects.count() == 5


def test_subscription_with_invalid_filters_is_refused(client, geo):
    response = subscribe(client, query="?secteur=inconnu&avis_du=2026-13-45")
    assert response.status_code == 400
    assert "Secteur inconnu" in response.content.decode()
    assert not AlertSubscription.objects.exists()


def test_forged_expired_and_reused_links(client, geo):
    subscribe(client)
    subscription = AlertSubscription.objects.get()
    forged = client.get("/marches-a-venir/alertes/confirmer/abc:def:ghi/")
    assert forged.status_code == 400
    assert "pas valable" in forged.content.decode()
    # A token signed for unsubscribing does not confirm.
    wrong_salt = alerts.make_token(subscription, alerts.UNSUBSCRIBE_SALT)
    assert client.post(f"/marches-a-venir/alertes/confirmer/{wrong_salt}/").status_code == 400
    # Another subscription's id with a guessed secret does not match.
    guessed = signing.dumps({"s": subscription.pk, "t": "devine"}, salt=alerts.CONFIRM_SALT)
    assert client.post(f"/marches-a-venir/alertes/confirmer/{guessed}/").status_code == 404
    # Expired.
    token = alerts.make_token(subscription, alerts.CONFIRM_SALT)
    later = timezone.now() + datetime.timedelta(days=4)
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        expired = client.post(f"/marches-a-venir/alertes/confirmer/{token}/")
    assert expired.status_code == 410
    assert "expiré" in expired.content.decode()
    assert AlertSubscription.objects.get().confirmed_at is None


def test_digest_sends_new_matching_contracts_once_per_day(client, make_contract, geo):
    subscription = confirmed_subscription(client)
    mail.outbox.clear()
    make_contract(title="Nettoyage de la mairie", kind="services", sectors=[geo["clean"]])
    make_contract(title="Voirie hors alerte", sectors=[geo["btp"]])
    make_contract(title="Brouillon", sectors=[geo["clean"]], publish=False)

    out = io.StringIO()
    call_command("send_contract_alerts", stdout=out)
    assert "1 message(s) envoyé(s)" in out.getvalue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Nettoyage de la mairie" in message.body
    assert "[Nouveau]" in message.body
    assert "Voirie hors alerte" not in message.body and "Brouillon" not in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription.refresh_from_db()
    assert subscription.last_sent_on == timezone.localdate()

    # Same day again: nothing more.
    call_command("send_contract_alerts", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_digest_reports_changes_and_remembers_what_was_sent(client, make_contract, geo):
    subscription = confirmed_subscription(client)
    contract = make_contract(title="Nettoyage des écoles", kind="services", sectors=[geo["clean"]])
    mail.outbox.clear()
    send_digests()
    assert len(mail.outbox) == 1
    # Next day, nothing changed: no message.
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    send_digests(now=tomorrow)
    assert len(mail.outbox) == 1
    # The contract is cancelled and republished: reported as changed.
    contract.status = ContractStatus.CANCELLED
    revision = contract.save_revision()
    revision.publish()
    # (published "the day after tomorrow" in the simulated calendar)
    type(contract).objects.filter(pk=contract.pk).update(
        last_published_at=tomorrow + datetime.timedelta(hours=20)
    )
    send_digests(now=tomorrow + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert "[Modifié]" in mail.outbox[-1].body and "annulé" in mail.outbox[-1].body
    subscription.refresh_from_db()
    assert subscription.last_sent_count == 1


def test_unconfirmed_subscription_receives_no_digest(client, make_contract, geo):
    subscribe(client, query="?secteur=proprete-et-nettoyage")
    mail.outbox.clear()
    make_contract(title="Nettoyage", kind="services", sectors=[geo["clean"]])
    send_digests()
    assert mail.outbox == []


def test_one_click_unsubscribe_get_and_post_and_twice(client, make_contract, geo):
    confirmed_subscription(client)
    make_contract(title="Nettoyage", kind="services", sectors=[geo["clean"]])
    mail.outbox.clear()
    send_digests()
    url = path_of(link(mail.outbox[0], "desabonnement"))
    response = client.get(url)
    assert response.status_code == 200
    assert "Vous êtes désabonné" in response.content.decode()
    assert not AlertSubscription.objects.exists()
    again = client.post(url)  # RFC 8058 one-click POST, or a second click
    assert again.status_code == 200
    assert "déjà désabonné" in again.content.decode()
    forged = client.get("/marches-a-venir/alertes/desabonnement/faux-jeton/")
    assert forged.status_code == 400


def test_unconfirmed_subscriptions_expire(client, geo):
    subscribe(client)
    send_digests(now=timezone.now() + datetime.timedelta(days=4))
    assert not AlertSubscription.objects.exists()


def test_address_is_never_shown(client, geo):
    response = subscribe(client, email="cachee@example.org")
    page = client.get(response["Location"]).content.decode()
    assert "cachee@example.org" not in page
    confirm_url = path_of(link(mail.outbox[0], "confirmer"))
    assert "cachee" not in client.get(confirm_url).content.decode()


class BrokenConnection:
    def send_messages(self, messages):
        raise ConnectionRefusedError("serveur SMTP injoignable")


def test_failed_sending_is_reported_and_retried_next_run(client, make_contract, geo):
    subscription = confirmed_subscription(client)
    make_contract(title="Nettoyage du musée", kind="services", sectors=[geo["clean"]])
    mail.outbox.clear()
    report = send_digests(connection=BrokenConnection())
    assert report.failed == 1 and "injoignable" in report.errors[0]
    subscription.refresh_from_db()
    assert subscription.last_sent_on is None  # not marked as served
    send_digests()
    assert len(mail.outbox) == 1 and "Nettoyage du musée" in mail.outbox[0].body


def test_command_fails_loudly_when_sending_fails(client, make_contract, geo, settings):
    from django.core.management.base import CommandError

    confirmed_subscription(client)
    make_contract(title="Nettoyage du musée", kind="services", sectors=[geo["clean"]])
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens there
    settings.EMAIL_TIMEOUT = 2
    with pytest.raises(CommandError):
        call_command("send_contract_alerts", stdout=io.StringIO())
    assert AlertSubscription.objects.get().last_sent_on is None


def test_digest_lists_at_most_thirty_contracts_then_links_to_the_list(client, make_contract, geo):
    confirmed_subscription(client)
    for number in range(33):
        make_contract(title=f"Nettoyage {number}", kind="services", sectors=[geo["clean"]])
    mail.outbox.clear()
    send_digests()
    body = mail.outbox[0].body
    assert body.count("[Nouveau]") == 30
    assert "… et 3 autres marchés" in body
    assert mail.outbox[0].subject.startswith("Marchés à venir : 33 nouveautés")


def test_every_link_of_the_messages_starts_with_site_url(client, make_contract, geo, settings):
    settings.SITE_URL = "https://clauses.example.gouv.fr"
    confirmed_subscription(client)  # the confirmation message, sent while answering a request
    confirmation = mail.outbox[-1]
    mail.outbox.clear()
    make_contract(title="Nettoyage de la mairie", kind="services", sectors=[geo["clean"]])
    send_digests()
    digest = mail.outbox[-1]
    for message in (confirmation, digest):
        urls = re.findall(r"https?://[^\s>]+", message.body)
        assert urls and all(u.startswith("https://clauses.example.gouv.fr/") for u in urls), urls
    assert digest.extra_headers["List-Unsubscribe"].startswith("<https://clauses.example.gouv.fr/")
