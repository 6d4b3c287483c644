"""StreamField blocks of the guide's chapters and sections.

Every numbered unit (paragraph, example, warning, legal reference) carries a stable identifier
`pid`: it is assigned once, survives edits and is copied into the next edition, so that
`#p-<pid>` links keep pointing at the same idea from one edition to the next.
"""

import re
import secrets

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.snippets.blocks import SnippetChooserBlock

PID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
NUMBERED_BLOCKS = ("paragraph", "example", "warning", "legal_reference")
INLINE_FEATURES = ["bold", "italic", "link", "ul", "ol"]


def new_pid():
    """A short random identifier (8 characters, lower-case letters and digits)."""
    alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def validate_pid(value):
    if value and not PID_PATTERN.match(value):
        raise ValidationError(
            "Identifiant invalide : lettres minuscules, chiffres et tirets (40 caractères au plus)."
        )


class PidBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            max_length=40,
            label="Identifiant stable",
            help_text=(
                "Attribué automatiquement à l'enregistrement. Ne le modifiez pas : "
                "les liens vers ce paragraphe en dépendent."
            ),
            validators=[validate_pid],
            **kwargs,
        )


class NumberedBlock(blocks.StructBlock):
    pid = PidBlock()


def glossary_switch():
    """Per-unit switch of the glossary links (on by default, also for content saved before)."""
    return blocks.BooleanBlock(
        required=False,
        default=True,
        label="Lier les termes du glossaire",
        help_text=(
            "Décochez pour que les sigles et termes de ce bloc ne renvoient pas au glossaire "
            "(par exemple une citation d'un texte officiel)."
        ),
    )


class ParagraphBlock(NumberedBlock):
    text = blocks.RichTextBlock(features=INLINE_FEATURES, label="Texte")
    legal_bases = blocks.ListBlock(
        SnippetChooserBlock("guides.LegalBasis"),
        required=False,
        default=[],
        label="Bases juridiques citées",
    )
    glossary = glossary_switch()

    class Meta:
        icon = "pilcrow"
        label = "Paragraphe"


class ExampleBlock(NumberedBlock):
    title = blocks.CharBlock(required=False, label="Titre")
    text = blocks.RichTextBlock(features=INLINE_FEATURES, label="Texte")
    glossary = glossary_switch()

    class Meta:
        icon = "doc-full"
        label = "Exemple"


class WarningBlock(NumberedBlock):
    title = blocks.CharBlock(required=False, label="Titre")
    text = blocks.RichTextBlock(features=INLINE_FEATURES, label="Texte")
    glossary = glossary_switch()

    class Meta:
        icon = "warning"
        label = "Point d'attention"


class LegalReferenceBlock(NumberedBlock):
    legal_basis = SnippetChooserBlock("guides.LegalBasis", label="Base juridique")
    text = blocks.RichTextBlock(
        features=INLINE_FEATURES, required=False, label="Commentaire (facultatif)"
    )
    glossary = glossary_switch()

    class Meta:
        icon = "doc-full-inverse"
        label = "Référence juridique"


class ClauseLinkBlock(blocks.StructBlock):
    """A link to a model clause (another app): a plain address, not a foreign key."""

    title = blocks.CharBlock(label="Intitulé de la clause")
    url = blocks.RegexBlock(
        regex=r"^/clauses/[a-z0-9-]+/$",
        label="Adresse",
        help_text="Ex. : /clauses/condition-execution-heures/",
        error_messages={"invalid": "Saisissez une adresse de la forme /clauses/<identifiant>/."},
    )
    text = blocks.CharBlock(required=False, label="Pourquoi la consulter")

    class Meta:
        icon = "link"
        label = "Lien vers une clause type"


class LabourShareLinkBlock(blocks.StructBlock):
    """A link to rows of the labour-share référentiel (another app): a plain address."""

    title = blocks.CharBlock(label="Type de travaux ou de services")
    url = blocks.RegexBlock(
        regex=r"^/main-d-oeuvre/[a-z0-9/#?=&_-]*$",
        label="Adresse",
        help_text="Ex. : /main-d-oeuvre/#nettoyage",
        error_messages={"invalid": "Saisissez une adresse commençant par /main-d-oeuvre/."},
    )
    text = blocks.CharBlock(required=False, label="Précision")

    class Meta:
        icon = "table"
        label = "Lien vers le référentiel de main-d'œuvre"


class GuideBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="Intertitre", icon="title", form_classname="title")
    paragraph = ParagraphBlock()
    example = ExampleBlock()
    warning = WarningBlock()
    legal_reference = LegalReferenceBlock()
    table = TableBlock(
        label="Tableau",
        table_options={"startRows": 3, "startCols": 3, "language": "fr-fr"},
        template="core/blocks/table.html",
    )
    clause_link = ClauseLinkBlock()
    labour_share_link = LabourShareLinkBlock()

    class Meta:
        label = "Contenu"


def ensure_pids(stream_value, taken=None):
    """Give every numbered block of a StreamValue a unique identifier, in place.

    Blocks keep the identifier they have; a missing one, or a duplicate (an editor duplicated a
    block), gets a new one. Returns the set of identifiers of the stream.
    """
    taken = set() if taken is None else taken
    for child in stream_value:
        if child.block_type not in NUMBERED_BLOCKS:
            continue
        pid = (child.value.get("pid") or "").strip()
        if not pid or pid in taken:
            pid = new_pid()
            while pid in taken:
                pid = new_pid()
            child.value["pid"] = pid
        taken.add(pid)
    return taken
