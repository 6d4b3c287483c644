"""The progress printer (core/progress.py) of long commands."""

import io

from django.core.management.base import OutputWrapper

from core.progress import Progress

NNBSP = "\u202f"


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_in_a_log_a_line_every_tenth_or_so_and_a_final_line():
    stream = io.StringIO()
    progress = Progress(stream, "Communes", 3200)
    for done in range(100, 3201, 100):
        progress.update(done)
    progress.finish(3200)
    lines = stream.getvalue().splitlines()
    assert 5 <= len(lines) <= 11
    assert lines[0] == f"  Communes : 400 / 3{NNBSP}200 (12{NNBSP}%)"  # the first tenth passed
    assert lines[-1] == f"  Communes : 3{NNBSP}200 / 3{NNBSP}200 (100{NNBSP}%)"
    assert "\r" not in stream.getvalue()


def test_slow_jobs_print_at_least_every_few_seconds():
    stream = io.StringIO()
    progress = Progress(stream, "Chapitres", 1000, every_seconds=0)
    for done in (1, 2, 3):
        progress.update(done)
    assert len(stream.getvalue().splitlines()) == 3


def test_on_a_terminal_the_line_is_rewritten_in_place():
    terminal = FakeTerminal()
    progress = Progress(OutputWrapper(terminal), "Pages", 40)
    for done in range(1, 41):
        progress.update(done)
    progress.finish(40)
    assert terminal.getvalue().count("\r") == 40
    assert terminal.getvalue().endswith(f"  Pages : 40 / 40 (100{NNBSP}%)\n")


def test_as_a_callback_it_learns_the_total_and_finishes_once():
    stream = io.StringIO()
    progress = Progress(stream, "Employeurs")
    for done in range(1, 6):
        progress(done, 5)
    progress.finish(5)
    assert stream.getvalue().splitlines()[-1] == f"  Employeurs : 5 / 5 (100{NNBSP}%)"
    assert stream.getvalue().count("5 / 5") == 1


def test_nothing_to_do_and_disabled():
    stream = io.StringIO()
    Progress(stream, "Index", 0).finish(0)
    assert stream.getvalue() == "  Index : aucun élément à traiter\n"
    quiet = io.StringIO()
    progress = Progress(quiet, "Index", 10, enabled=False)
    progress.update(5)
    progress.finish(10)
    assert quiet.getvalue() == ""
