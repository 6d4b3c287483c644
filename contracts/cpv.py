"""Loading and reading the CPV 2008 table (codes and French labels).

Source: the CPV 2008 nomenclature of Regulation (EC) No 213/2008, 9,454 codes of the main
vocabulary with their French labels, as published by the European Commission (reuse allowed by
Decision 2011/833/EU). contracts/data/cpv_2008_fr.csv was extracted from the multilingual table
shipped by the MIT-licensed `rcpv` package (which reads the Commission's spreadsheet), keeping
the code and the French label: RFC 4180, UTF-8, columns `code,libelle`.
"""

import csv
from pathlib import Path

from django.db import transaction

DATA_FILE = Path(__file__).resolve().parent / "data" / "cpv_2008_fr.csv"


def read_rows(path=DATA_FILE):
    with open(path, encoding="utf-8", newline="") as handle:
        return [(row["code"].strip(), row["libelle"].strip()) for row in csv.DictReader(handle)]


@transaction.atomic
def load(path=DATA_FILE):
    """Create or update every code of the file (idempotent). Returns (created, updated)."""
    from .models import CpvCode

    existing = dict(CpvCode.objects.values_list("code", "label"))
    rows = read_rows(path)
    new = [CpvCode(code=code, label=label) for code, label in rows if code not in existing]
    changed = [
        CpvCode(code=code, label=label)
        for code, label in rows
        if code in existing and existing[code] != label
    ]
    CpvCode.objects.bulk_create(new, batch_size=500)
    CpvCode.objects.bulk_update(changed, ["label"], batch_size=500)
    return len(new), len(changed)
