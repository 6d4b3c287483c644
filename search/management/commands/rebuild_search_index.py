"""Rebuild the site search index of every configured backend, model by model, in chunks.

    manage.py rebuild_search_index                   # every backend of WAGTAILSEARCH_BACKENDS
    manage.py rebuild_search_index --backend default --chunk-size 200

search/indexing.py does the work (with Wagtail's rebuilder, add_model, add_items, finish); this
command shows a progress line per model (core/progress.py), ends with a summary and, when a
backend cannot be reached (Elasticsearch down), says so, rebuilds the others and exits with an
error status. With an atomic rebuilder (the default), a backend that fails keeps the index it
had: the database rows are rolled back, the half-built Elasticsearch index is deleted.
"""

import time
import traceback
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import capfirst
from modelsearch.conf import get_app_config
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from core.progress import Progress, format_duration, plural
from search.indexing import (
    CHUNK_SIZE,
    BackendUnreachable,
    RebuildFailed,
    check_reachable,
    describe_backend,
    group_models_by_index,
    is_connection_error,
    model_label,
    rebuild_index,
    short_error,
)

# Creating an index and bulk writes can take longer than a visitor's search may wait (the
# settings' TIMEOUT, 2 s: a fresh index took more on a busy machine): engines get this instead.
REBUILD_TIMEOUT_SECONDS = 60


@dataclass
class BackendReport:
    name: str
    description: str
    objects: int = 0
    models: int = 0
    seconds: float = 0.0
    note: str = ""  # e.g. a backend that has nothing to rebuild
    error: str = ""  # why it failed; empty when it succeeded


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
            default=CHUNK_SIZE,
            metavar="N",
            help=f"Objets lus et indexés par lot (défaut : {CHUNK_SIZE}).",
        )

    def handle(self, *args, backend_name=None, chunk_size=CHUNK_SIZE, **options):
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
        reports = [self.rebuild_backend(name, configs[name], models, chunk_size) for name in names]
        self.print_summary(reports, len(models), time.monotonic() - started)
        failed = [report for report in reports if report.error]
        if failed:
            details = " ; ".join(f"« {report.name} » {report.error}" for report in failed)
            rebuilt = [f"« {report.name} »" for report in reports if not report.error]
            others = f" Reconstruits : {', '.join(rebuilt)}." if rebuilt else ""
            raise CommandError(f"Réindexation incomplète : {details}.{others}")

    # Output helpers: stdout follows --verbosity; errors go to stderr unless verbosity is 0
    # (the CommandError at the end repeats them).

    def info(self, message, level=1):
        if self.verbosity >= level:
            self.stdout.write(message)

    def error(self, message):
        if self.verbosity >= 1:
            self.stderr.write(self.style.ERROR(message))

    def progress_for(self, model):
        label = model_label(model)
        if self.verbosity >= 2:
            label += f" ({model._meta.label})"
        total = model.get_indexed_objects().count()
        self.progress = Progress(self.stdout, label, total, enabled=self.verbosity >= 1)
        return self.progress

    def rebuild_backend(self, name, config, models, chunk_size):
        report = BackendReport(name=name, description=describe_backend(config))
        started = time.monotonic()
        self.info(f"Moteur de recherche « {name} » ({report.description}) :")
        self.progress = None
        try:
            timeout = {"TIMEOUT": REBUILD_TIMEOUT_SECONDS} if "TIMEOUT" in config else {}
            self.rebuild_indexes(get_search_backend(name, **timeout), models, chunk_size, report)
        except BackendUnreachable as unreachable:  # checked before any progress line
            report.error = f"est injoignable ({report.description} : {unreachable})"
            self.error(
                f"Le moteur de recherche « {name} » est injoignable ({report.description}) : "
                f"{unreachable}. Son index n'a pas été touché{self.others()}. Relancez la "
                "commande quand il répondra."
            )
        except Exception as failure:  # noqa: BLE001 - one backend failing must not stop the others
            self.report_failure(name, report, failure)
        report.seconds = time.monotonic() - started
        return report

    def rebuild_indexes(self, backend, models, chunk_size, report):
        check_reachable(backend)
        if backend.rebuilder_class is None:
            report.note = "rien à reconstruire : ce moteur interroge directement la base"
            self.info(f"  {capfirst(report.note)}.")
            return
        for index, index_models in group_models_by_index(backend, models):
            self.info(f"  Index {index} : {plural(len(index_models), 'modèle', 'modèles')}", 2)
            try:
                report.objects += rebuild_index(
                    backend, index, index_models, chunk_size, self.progress_for
                )
            except RebuildFailed as failed:
                report.objects += failed.done
                raise
            report.models += len(index_models)

    def others(self):
        return " ; les autres moteurs sont reconstruits" if self.several_backends else ""

    def report_failure(self, name, report, failure):
        if self.progress is not None:
            self.progress.end_line()  # end a terminal progress line before the error
        failed = failure if isinstance(failure, RebuildFailed) else None
        cause = failed.cause if failed else failure
        during = f" pendant « {model_label(failed.model)} »" if failed and failed.model else ""
        if is_connection_error(cause):
            report.error = f"ne répond plus{during} ({short_error(cause)})"
        else:
            report.error = f"a échoué{during} ({type(cause).__name__} : {short_error(cause)})"
        kept = (
            "Son index en service est conservé tel qu'il était"
            if failed is None or failed.index_kept
            else "Son index peut être incomplet (reconstruction non atomique)"
        )
        self.error(f"Le moteur de recherche « {name} » {report.error}. {kept}{self.others()}.")
        if self.verbosity >= 2:
            self.stderr.write(traceback.format_exc())

    def print_summary(self, reports, model_count, seconds):
        if self.verbosity < 1:
            return
        self.stdout.write("")
        self.stdout.write("Résumé de la réindexation :")
        for report in reports:
            self.stdout.write(self.summary_line(report))
        self.stdout.write(
            f"{plural(model_count, 'modèle indexable', 'modèles indexables')}, "
            f"{plural(len(reports), 'moteur', 'moteurs')}, durée totale {format_duration(seconds)}."
        )

    def summary_line(self, report):
        if report.error:
            line = f"  {report.name} : ÉCHEC, {report.error}"
            if report.objects:
                line += f" ({plural(report.objects, 'objet lu', 'objets lus')} avant l'erreur)"
            return self.style.ERROR(line)
        if report.note:
            return f"  {report.name} : {report.note}"
        return self.style.SUCCESS(
            f"  {report.name} : {plural(report.objects, 'objet indexé', 'objets indexés')} "
            f"({plural(report.models, 'modèle', 'modèles')}) en {format_duration(report.seconds)}"
        )
