from django.core.exceptions import ValidationError
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret as stdnum_siret


def clean_siret(value):
    """The 14 digits of a valid SIRET (checksum, La Poste's exception included), or raise."""
    try:
        return stdnum_siret.validate(value or "")
    except StdnumError as error:
        raise ValidationError(
            "SIRET invalide (14 chiffres avec une clé de contrôle correcte)."
        ) from error


def validate_siret(value):
    clean_siret(value)
