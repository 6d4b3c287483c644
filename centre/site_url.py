"""The Wagtail Site record follows settings.SITE_URL (core/links.py reads the record)."""

import logging

from django.conf import settings
from django.db import DatabaseError

from core.links import forget_site_url, set_site_url

logger = logging.getLogger(__name__)


def sync_after_migrate(**kwargs):
    """After every `migrate`: production's SITE_URL, or the address `make run` serves."""
    set_site_url(settings.SITE_URL)


def sync_on_setting_change(setting, value, **kwargs):
    """A test (or a command) that changes SITE_URL changes the site's address with it."""
    if setting != "SITE_URL":
        return
    forget_site_url()
    try:
        set_site_url(value)
    except (DatabaseError, RuntimeError) as error:  # no database at hand: the record stays
        logger.debug("SITE_URL changed without a database: %s", error)
        forget_site_url()
