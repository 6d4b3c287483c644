"""Wagtail's `publish_scheduled`, preceded by the due publications of whole editions.

The guides app comes before Wagtail in INSTALLED_APPS, so this command replaces Wagtail's under
the same name: the scheduler that runs it every minute needs no new line."""

from wagtail.management.commands.publish_scheduled import Command as WagtailCommand

from guides.publishing import run_due_jobs


class Command(WagtailCommand):
    def handle(self, *args, **options):
        dry_run = options.get("dryrun", False)
        if not dry_run:
            for job in run_due_jobs():
                self.stdout.write(f"Édition {job.edition.year} : {job.message}")
        return super().handle(*args, **options)
