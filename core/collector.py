"""Python's cyclic garbage collector, told once that what the site loaded stays loaded.

A full collection walks every object the process holds: the modules of Django and Wagtail, the
URL and template caches, the search's memories, about 260 000 objects once a search has run.
It came every few searches and took 150 ms, as long as a whole search. After the first
request, what is loaded is frozen (`gc.freeze`): later full collections walk only what came
after it."""

import gc

from django.core.signals import request_finished


def freeze_after_first_request(**_kwargs):
    request_finished.disconnect(freeze_after_first_request)
    gc.freeze()


def install():
    request_finished.connect(freeze_after_first_request)
