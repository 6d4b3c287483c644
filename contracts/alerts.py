"""Email alerts on a saved search: subscribe, confirm (double opt-in), unsubscribe.

- Subscribing stores the address and the list's current filters, unconfirmed, and sends a signed
  confirmation link valid for CONFIRM_MAX_AGE. Nothing is sent to an unconfirmed address again
  unless its owner asks again; unconfirmed subscriptions are purged by the digest command.
- The confirmation link opens a page with one button: the POST confirms. Link scanners of mail
  services follow GET links; they must not confirm a subscription the owner never wanted.
- Unsubscribing takes one click (GET) or one POST (RFC 8058 one-click, from the
  List-Unsubscribe-Post header) and deletes the subscription and its address.
- The address is never displayed, exported, or listed in the admin.
"""

from django import forms
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.links import absolute_url
from core.ratelimits import limit

from .filters import ContractFilter
from .models import AlertSubscription

CONFIRM_SALT = "contracts.alerts.confirm"
UNSUBSCRIBE_SALT = "contracts.alerts.unsubscribe"
CONFIRM_MAX_AGE = 3 * 24 * 3600  # three days


class SubscriptionForm(forms.Form):
    email = forms.EmailField(
        label="Votre adresse électronique",
        max_length=254,
        error_messages={
            "required": "Indiquez votre adresse électronique.",
            "invalid": "Cette adresse électronique n'est pas valide (exemple : nom@domaine.fr).",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "fr-input"}),
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled by robots.
    site_web = forms.CharField(required=False, label="Ne pas remplir ce champ")


def make_token(subscription, salt):
    return signing.dumps({"s": subscription.pk, "t": subscription.token}, salt=salt)


def read_token(token, salt, max_age=None):
    """(subscription or None, problem) where problem is "", "expired", "invalid" or "gone"."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        return None, "invalid"
    subscription = AlertSubscription.objects.filter(pk=data["s"], token=data.get("t")).first()
    return subscription, "" if subscription else "gone"


def confirm_path(subscription):
    return f"/marches-a-venir/alertes/confirmer/{make_token(subscription, CONFIRM_SALT)}/"


def unsubscribe_path(subscription):
    return f"/marches-a-venir/alertes/desabonnement/{make_token(subscription, UNSUBSCRIBE_SALT)}/"


def list_path(filters):
    query = urlencode(filters)
    return "/marches-a-venir/" + (f"?{query}" if query else "")


def send_confirmation(request, subscription, contract_filter):
    context = {
        "confirm_url": absolute_url(confirm_path(subscription)),
        "summary": contract_filter.summary(),
        "list_url": absolute_url(list_path(subscription.filters)),
        "days": CONFIRM_MAX_AGE // 86400,
    }
    message = EmailMultiAlternatives(
        subject="Confirmez votre alerte « Marchés à venir »",
        body=render_to_string("contracts/alerts/email_confirm.txt", context),
        to=[subscription.email],
    )
    message.send()


@limit("alert-subscription")
def subscribe(request):
    contract_filter, filter_errors = ContractFilter.from_params(request.GET)
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not filter_errors:
        if not form.cleaned_data["site_web"]:
            _subscribe(request, form.cleaned_data["email"], contract_filter)
        # Same answer whatever happened: it reveals nothing about an address.
        return redirect("/marches-a-venir/alertes/envoye/")
    return render(
        request,
        "contracts/alerts/subscribe.html",
        {
            "form": form,
            "filter": contract_filter,
            "filter_errors": filter_errors,
            "query_string": urlencode(contract_filter.to_params()),
        },
        status=400 if request.method == "POST" else 200,
    )


def _subscribe(request, email, contract_filter):
    filters = contract_filter.to_params()
    with transaction.atomic():
        existing = (
            AlertSubscription.objects.select_for_update()
            .filter(email__iexact=email, filters=filters)
            .first()
        )
        if existing is not None and existing.confirmed_at:
            return  # already receiving this alert
        subscription = existing or AlertSubscription.objects.create(email=email, filters=filters)
    send_confirmation(request, subscription, contract_filter)


def subscribe_sent(request):
    return render(request, "contracts/alerts/sent.html")


@never_cache  # a personal page whose state changes: never a shared cached copy
def confirm(request, token):
    subscription, problem = read_token(token, CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    if problem:
        return render(
            request,
            "contracts/alerts/link_problem.html",
            {"problem": problem, "action": "confirmer"},
            status=400 if problem == "invalid" else (410 if problem == "expired" else 404),
        )
    contract_filter, _errors = ContractFilter.from_params(subscription.filters)
    context = {
        "summary": contract_filter.summary(),
        "list_url": list_path(subscription.filters),
        "already": subscription.confirmed_at is not None,
    }
    if request.method == "POST" and not context["already"]:
        now = timezone.now()
        AlertSubscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, last_cutoff=now
        )
        context["confirmed"] = True
        context["unsubscribe_url"] = unsubscribe_path(subscription)
    return render(request, "contracts/alerts/confirm.html", context)


@never_cache
@csrf_exempt  # one-click unsubscribe (RFC 8058) posts without a form; the signed token protects it
def unsubscribe(request, token):
    subscription, problem = read_token(token, UNSUBSCRIBE_SALT)
    if problem == "invalid":
        return render(
            request,
            "contracts/alerts/link_problem.html",
            {"problem": problem, "action": "désabonner"},
            status=400,
        )
    if subscription is not None:
        subscription.delete()
    return render(request, "contracts/alerts/unsubscribed.html", {"already": subscription is None})
