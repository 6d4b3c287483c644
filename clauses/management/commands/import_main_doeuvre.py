"""Import the labour-share référentiel from a CSV file, all or nothing."""

from clauses.referential import COLUMNS, LabourShareImporter
from core.importing import ImportCommand


class Command(ImportCommand):
    importer_class = LabourShareImporter
    help = (
        "Importe le référentiel de main-d'œuvre depuis un fichier CSV (UTF-8, séparateur , ou ; ; "
        "colonnes : " + ", ".join(COLUMNS) + "). Tout ou rien : un fichier avec une seule ligne "
        "fautive est refusé entièrement."
    )
