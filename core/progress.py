"""One progress printer for long jobs (imports, search index, PDFs, geography), in French.

    progress = Progress(self.stdout, "Employeurs", total=3200)
    for done in ...:
        progress.update(done)
    progress.finish(done)

prints "  Employeurs : 1 500 / 3 200 (47 %)". On a terminal the line is rewritten in place; in a
log (no terminal) a line is printed every `step_percent` percent or every `every_seconds`
seconds, whichever comes first, and once at the end. A `Progress` is also a callback,
`progress(done, total)`, for code that learns the total only when it starts.
"""

import time

from django.core.management.base import OutputWrapper

from .numbers import NARROW_NBSP, format_number

# 1500 -> "1 500" (narrow no-break space): the name the import reports use.
format_count = format_number


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


class Progress:
    """A progress line for one job (see the module docstring)."""

    def __init__(self, stream, label, total=None, enabled=True, step_percent=10, every_seconds=10):
        self.stream = stream if isinstance(stream, OutputWrapper) else OutputWrapper(stream)
        self.label, self.total, self.enabled = label, total, enabled
        self.step_percent, self.every_seconds = step_percent, every_seconds
        self.tty = enabled and self.stream.isatty()
        self.width = 0
        self.open = False  # a terminal line being rewritten, not yet ended
        self.printed_done = None
        self.printed_at = time.monotonic()
        self.finished = False

    def __call__(self, done, total=None, *details):
        """The callback form: finishes by itself when `done` reaches `total`."""
        if total is not None:
            self.total = total
        self.update(done)
        if self.total is not None and done >= self.total:
            self.finish(done)

    def line(self, done):
        total = max(self.total or 0, done)  # rows may be added while the job runs
        return (
            f"  {self.label} : {format_count(done)} / {format_count(total)} "
            f"({format_percent(done, total)})"
        )

    def update(self, done):
        if not self.enabled:
            return
        if self.tty:
            self._rewrite(done)
        elif done < (self.total or 0) and (self._next_step(done) or self._waited()):
            self._print(done)

    def finish(self, done=None):
        """The last line, "n / n (100 %)", or "aucun élément" when there was nothing to do."""
        if not self.enabled or self.finished:
            return
        self.finished = True
        done = (self.total or 0) if done is None else done
        if done == 0:
            self.stream.write(f"  {self.label} : aucun élément à traiter")
        elif self.tty:
            if self.printed_done != done:
                self._rewrite(done)
            self.stream.write("")  # keep the finished line, go to the next one
            self.open = False
        elif self.printed_done != done:
            self._print(done)

    def end_line(self):
        """End a terminal line being rewritten (before printing an error, say)."""
        if self.open:
            self.stream.write("")
            self.open = False

    def _next_step(self, done):
        total = max(self.total or 0, 1)
        last = self.printed_done or 0
        step = self.step_percent
        return (100 * done // total) // step > (100 * last // total) // step

    def _waited(self):
        return time.monotonic() - self.printed_at >= self.every_seconds

    def _rewrite(self, done):
        line = self.line(done)
        self.stream.write("\r" + line.ljust(self.width), ending="")
        self.stream.flush()
        self.width = max(self.width, len(line))
        self.printed_done = done
        self.open = True

    def _print(self, done):
        self.stream.write(self.line(done))
        self.printed_done = done
        self.printed_at = time.monotonic()
