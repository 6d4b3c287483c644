"""Alert subscriptions: a saved search with an email address, confirmed and unsubscribed by signed links."""

import secrets

from django.db import models


def new_token():
    return secrets.token_urlsafe(16)


class AlertSubscription(models.Model):
    """A saved search with an email address. The address is never shown or exported: the admin
    does not list this model, and every link in a message is signed."""

    email = models.EmailField("Adresse électronique")
    filters = models.JSONField("Filtres enregistrés", default=dict)
    token = models.CharField(max_length=40, default=new_token, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The digest's memory: contracts published or changed after `last_cutoff` are news.
    last_cutoff = models.DateTimeField(null=True, blank=True)
    last_sent_on = models.DateField(null=True, blank=True)
    last_sent_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "abonnement aux alertes"
        verbose_name_plural = "abonnements aux alertes"
        indexes = [models.Index(fields=["confirmed_at", "last_sent_on"])]

    def __str__(self):
        return f"Abonnement n° {self.pk}"
