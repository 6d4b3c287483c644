import pytest


@pytest.fixture
def referential(db):
    from clauses.demo import _load_referential

    _load_referential()


@pytest.fixture
def clauses(db):
    from clauses.demo import _load_clauses

    _load_clauses()
