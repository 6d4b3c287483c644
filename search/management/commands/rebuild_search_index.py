"""Rebuild the site search index of every configured backend, model by model, in chunks.

    manage.py rebuild_search_index                   # every backend of WAGTAILSEARCH_BACKENDS
    manage.py rebuild_search_index --backend default --chunk-size 200

Wagtail's own index API does the work (rebuilder, add_model, add_items, finish), as its
`update_index` command does; this one shows a progress line per model, ends with a summary and,
when a backend cannot be reached (Elasticsearch down), says so, rebuilds the others and exits
with an error status. With an atomic rebuilder (the default), a backend that fails keeps the
index it had: the database rows are rolled back, the half-built Elasticsearch index is deleted.
"""

import contextlib
import logging
import time
import traceback
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import capfirst
from modelsearch.conf import get_app_config
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

DEFAULT_CHUNK_SIZE = 500
NARROW_NBSP = "\u202f"  # French thousands separator and space before "%"
PLAIN_PROGRESS_STEP = 10  # without a terminal, a progress line every 10 %…
PLAIN_PROGRESS_SECONDS = 10  # …or every 10 seconds, whichever comes first


def format_count(number):
    """1500 -> '1 500' (narrow no-break space, as French typography wants)."""
    return f"{number:,}".replace(",", NARROW_NBSP)


def format_percent(done, total):
    if not total:
        return f"100{NARROW_NBSP}%"
    percent = round(100 * done / total)
    if done < total:
        percent = min(percent, 99)  # 100 % only when it is really finished
    return f"{percent}{NARROW_NBSP}%"


def format_duration(seconds):
    if seconds < 60:
        return f"{seconds:.1f}".replace(".", ",") + " s"
    minutes, seconds = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def plural(count, singular, plural_form):
    return f"{format_count(count)} {singular if count in (0, 1) else plural_form}"


def model_label(model):
    return capfirst(str(model._meta.verbose_name))


def _without_credentials(url):
    parts = urlsplit(str(url))
    if not parts.hostname:
        return str(url)
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def describe_backend(config):
    """'wagtail.search.backends.elasticsearch9, http://es:9200', never with a password."""
    description = config.get("BACKEND", "?")
    urls = config.get("URLS")
    if isinstance(urls, str):
        urls = [urls]
    if urls:
        description += ", " + ", ".join(_without_credentials(url) for url in urls)
    elif config.get("HOSTS"):
        hosts = [
            str(host.get("host", "?")) if isinstance(host, dict) else _without_credentials(host)
            for host in config["HOSTS"]
        ]
        description += ", " + ", ".join(hosts)
    return description


def is_connection_error(error):
    """The backend's server cannot be reached (as opposed to a server that answers an error)."""
    kinds = [ConnectionError, TimeoutError]
    try:
        from elastic_transport import ConnectionError as TransportConnectionError
        from elastic_transport import ConnectionTimeout
    except ImportError:  # pragma: no cover - the elasticsearch client is a dependency
        pass
    else:
        kinds += [TransportConnectionError, ConnectionTimeout]
    return isinstance(error, tuple(kinds))


def short_error(error):
    """The useful end of an error message, on one line and bounded."""
    status = getattr(getattr(error, "meta", None), "status", None)
    if isinstance(status, int):  # the server answered, with an HTTP error
        message = getattr(error, "message", None)
        detail = f" : {message}" if message and message != "None" else ""
        return f"réponse HTTP {status} du serveur{detail}"[:300]
    text = " ".join(str(error).split()) or type(error).__name__
    errno_at = text.rfind("[Errno")
    if errno_at >= 0:  # urllib3 nests the socket error deep inside: keep that part
        text = text[errno_at:].rstrip(")")
    return text if len(text) <= 300 else text[:299] + "…"


class BackendUnreachable(Exception):
    pass


@dataclass
class BackendReport:
    name: str
    description: str
    objects: int = 0
    models: int = 0
    seconds: float = 0.0
    note: str = ""  # e.g. a backend that has nothing to rebuild
    error: str = ""  # why it failed; empty when it succeeded


class Progress:
    """A progress line for one model: rewritten in place on a terminal, otherwise printed every
    PLAIN_PROGRESS_STEP percent or PLAIN_PROGRESS_SECONDS seconds, and once at the end."""

    def __init__(self, stdout, label, total, enabled):
        self.stdout, self.label, self.total, self.enabled = stdout, label, total, enabled
        self.tty = enabled and stdout.isatty()
        self.width = 0
        self.open = False  # a terminal line being rewritten, not yet ended
        self.printed_done = None
        self.printed_at = time.monotonic()

    def line(self, done):
        total = max(self.total, done)  # rows may be added while the rebuild runs
        return (
            f"  {self.label} : {format_count(done)} / {format_count(total)} "
            f"({format_percent(done, total)})"
        )

    def update(self, done):
        if not self.enabled:
            return
        if self.tty:
            line = self.line(done)
            self.stdout.write("\r" + line.ljust(self.width), ending="")
            self.stdout.flush()
            self.width = max(self.width, len(line))
            self.printed_done = done
            self.open = True
            return
        total = max(self.total, 1)
        last = self.printed_done or 0
        next_step = (100 * done // total) // PLAIN_PROGRESS_STEP > (
            100 * last // total
        ) // PLAIN_PROGRESS_STEP
        waited = time.monotonic() - self.printed_at >= PLAIN_PROGRESS_SECONDS
        if done < self.total and (next_step or waited):
            self._print(done)

    def finish(self, done):
        if not self.enabled:
            return
        if done == 0:
            self.stdout.write(f"  {self.label} : aucun objet à indexer")
        elif self.tty:
            if self.printed_done != done:
                self.update(done)
            self.stdout.write("")  # keep the finished line, go to the next one
            self.open = False
        elif self.printed_done != done:
            self._print(done)

    def _print(self, done):
        self.stdout.write(self.line(done))
        self.printed_done = done
        self.printed_at = time.monotonic()


def group_models_by_index(backend, models):
    """{index: [models]} in the order of `models`: Elasticsearch puts every page model in one
    index; the database backend has a single index for everything."""
    indexes, grouped = {}, {}
    for model in models:
        index = backend.get_index_for_model(model)
        key = index.get_key()
        indexes.setdefault(key, index)
        grouped.setdefault(key, []).append(model)
    return [(indexes[key], grouped[key]) for key in grouped]


def abandon(rebuilder, error):
    """Undo a rebuild that failed half-way. True if the index in service is left as it was
    (atomic rebuilds, the default), False if it may be partly rebuilt."""
    # Database backends with ATOMIC_REBUILD: the rebuild runs in a transaction; roll it back.
    if hasattr(rebuilder, "transaction"):
        if rebuilder.transaction_opened:
            rebuilder.transaction_opened = False
            rebuilder.transaction.__exit__(type(error), error, error.__traceback__)
        return True
    # Elasticsearch with ATOMIC_REBUILD: a new index was being filled behind the alias that
    # searches use; the alias has not moved, delete the new index.
    alias = getattr(rebuilder, "alias", None)
    if alias is not None:
        if rebuilder.index.name != alias.name:
            # The server may be why the rebuild failed: deleting is best effort.
            with contextlib.suppress(Exception):
                rebuilder.index.delete()
        return True
    return False


class Command(BaseCommand):
    help = (
        "Reconstruit l'index de recherche de chaque moteur configuré (WAGTAILSEARCH_BACKENDS), "
        "modèle par modèle, par lots, avec l'avancement et un résumé. Un moteur injoignable est "
        "signalé, les autres sont reconstruits, et la commande se termine en erreur."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            dest="backend_name",
            metavar="NOM",
            help="Ne reconstruire que ce moteur (un nom de WAGTAILSEARCH_BACKENDS, ex. default).",
        )
        parser.add_argument(
            "--chunk-size",
            "--chunk_size",
            dest="chunk_size",
            type=int,
            default=DEFAULT_CHUNK_SIZE,
            metavar="N",
            help=f"Objets lus et indexés par lot (défaut : {DEFAULT_CHUNK_SIZE}).",
        )

    def handle(self, *args, backend_name=None, chunk_size=DEFAULT_CHUNK_SIZE, **options):
        self.verbosity = options.get("verbosity", 1)
        if chunk_size is None or chunk_size < 1:
            raise CommandError("--chunk-size doit être un nombre entier supérieur à zéro.")
        configs = get_app_config().get_search_backend_config()
        if backend_name is not None and backend_name not in configs:
            raise CommandError(
                f"Moteur de recherche inconnu : « {backend_name} ». Moteurs configurés dans "
                f"WAGTAILSEARCH_BACKENDS : {', '.join(configs) or 'aucun'}."
            )
        names = [backend_name] if backend_name is not None else list(configs)
        self.several_backends = len(names) > 1
        models = get_indexed_models()
        started = time.monotonic()
        reports = []
        for name in names:
            reports.append(self.rebuild_backend(name, configs[name], models, chunk_size))
        self.print_summary(reports, len(models), time.monotonic() - started)

        failed = [report for report in reports if report.error]
        if failed:
            details = " ; ".join(f"« {report.name} » {report.error}" for report in failed)
            rebuilt = [report.name for report in reports if not report.error]
            others = (
                f" Reconstruits : {', '.join(f'« {name} »' for name in rebuilt)}."
                if rebuilt
                else ""
            )
            raise CommandError(f"Réindexation incomplète : {details}.{others}")

    # Output helpers: stdout follows --verbosity; errors go to stderr unless verbosity is 0
    # (the CommandError at the end repeats them).

    def info(self, message, level=1, **kwargs):
        if self.verbosity >= level:
            self.stdout.write(message, **kwargs)

    def error(self, message):
        if self.verbosity >= 1:
            self.stderr.write(message)

    def rebuild_backend(self, name, config, models, chunk_size):
        report = BackendReport(name=name, description=describe_backend(config))
        started = time.monotonic()
        self.info(f"Moteur de recherche « {name} » ({report.description}) :")
        self.current_model = self.progress = None
        self.index_kept = True
        others = " ; les autres moteurs sont reconstruits" if self.several_backends else ""
        try:
            backend = get_search_backend(name)
            self.check_reachable(backend)
            if backend.rebuilder_class is None:
                report.note = "rien à reconstruire : ce moteur interroge directement la base"
                self.info(f"  {capfirst(report.note)}.")
            else:
                for index, index_models in group_models_by_index(backend, models):
                    self.info(
                        f"  Index {index} : {plural(len(index_models), 'modèle', 'modèles')}",
                        level=2,
                    )
                    self.rebuild_index(backend, index, index_models, chunk_size, report)
        except BackendUnreachable as unreachable:  # checked before any progress line
            report.error = f"est injoignable ({report.description} : {unreachable})"
            self.error(
                self.style.ERROR(
                    f"Le moteur de recherche « {name} » est injoignable ({report.description}) : "
                    f"{unreachable}. Son index n'a pas été touché{others}. Relancez la "
                    "commande quand il répondra."
                )
            )
        except Exception as failure:  # noqa: BLE001 - one backend failing must not stop the others
            if self.progress is not None and self.progress.open:
                self.stdout.write("")  # end the progress line before the error
            during = f" pendant « {model_label(self.current_model)} »" if self.current_model else ""
            if is_connection_error(failure):
                report.error = f"ne répond plus{during} ({short_error(failure)})"
            else:
                report.error = (
                    f"a échoué{during} ({type(failure).__name__} : {short_error(failure)})"
                )
            kept = (
                "Son index en service est conservé tel qu'il était"
                if self.index_kept
                else "Son index peut être incomplet (reconstruction non atomique)"
            )
            self.error(
                self.style.ERROR(
                    f"Le moteur de recherche « {name} » {report.error}. {kept}{others}."
                )
            )
            if self.verbosity >= 2:
                self.stderr.write(traceback.format_exc())
        report.seconds = time.monotonic() - started
        return report

    def check_reachable(self, backend):
        """Ask an Elasticsearch server who it is before dropping or building anything."""
        client = getattr(backend, "es", None)
        if client is None or not hasattr(client, "info"):
            return
        transport_logger = logging.getLogger("elastic_transport")
        level = transport_logger.level
        # The client logs every retry with a traceback: the message below says it once.
        transport_logger.setLevel(logging.CRITICAL)
        try:
            client.options(max_retries=1).info()
        except Exception as failure:
            if is_connection_error(failure):
                raise BackendUnreachable(short_error(failure)) from failure
            raise
        finally:
            transport_logger.setLevel(level)

    def rebuild_index(self, backend, index, models, chunk_size, report):
        rebuilder = backend.rebuilder_class(index)
        try:
            live_index = rebuilder.start()
            for model in models:
                live_index.add_model(model)
            for model in models:
                self.current_model = model
                report.objects += self.index_model(live_index, model, chunk_size)
                report.models += 1
            self.current_model = None
            rebuilder.finish()
        except BaseException as error:
            self.index_kept = abandon(rebuilder, error)
            raise

    def index_model(self, index, model, chunk_size):
        """Index every object of a model, `chunk_size` at a time, in primary key order (each
        chunk is read after the last key of the previous one: no growing OFFSET)."""
        queryset = model.get_indexed_objects().order_by("pk")
        label = model_label(model)
        if self.verbosity >= 2:
            label += f" ({model._meta.label})"
        progress = Progress(self.stdout, label, queryset.count(), enabled=self.verbosity >= 1)
        self.progress = progress
        done, last_pk = 0, None
        while True:
            page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
            chunk = list(page[:chunk_size])
            if not chunk:
                break
            index.add_items(model, chunk)
            done += len(chunk)
            last_pk = chunk[-1].pk
            progress.update(done)
        progress.finish(done)
        return done

    def print_summary(self, reports, model_count, seconds):
        if self.verbosity < 1:
            return
        self.stdout.write("")
        self.stdout.write("Résumé de la réindexation :")
        for report in reports:
            if report.error:
                line = f"  {report.name} : ÉCHEC, {report.error}"
                if report.objects:
                    line += f" ({plural(report.objects, 'objet lu', 'objets lus')} avant l'erreur)"
                self.stdout.write(self.style.ERROR(line))
            elif report.note:
                self.stdout.write(f"  {report.name} : {report.note}")
            else:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"  {report.name} : "
                        f"{plural(report.objects, 'objet indexé', 'objets indexés')} "
                        f"({plural(report.models, 'modèle', 'modèles')}) "
                        f"en {format_duration(report.seconds)}"
                    )
                )
        self.stdout.write(
            f"{plural(model_count, 'modèle indexable', 'modèles indexables')}, "
            f"{plural(len(reports), 'moteur', 'moteurs')}, durée totale {format_duration(seconds)}."
        )
