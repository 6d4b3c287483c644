"""StreamField blocks shared by the pages of several apps."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Texte du titre")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Niveau 2"), ("h3", "Niveau 3")], default="h2", label="Niveau"
    )

    class Meta:
        icon = "title"
        label = "Titre"
        template = "core/blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: information, warning or example."""

    kind = blocks.ChoiceBlock(
        choices=[("info", "Information"), ("warning", "Attention"), ("example", "Exemple")],
        default="info",
        label="Type",
    )
    title = blocks.CharBlock(required=False, label="Titre")
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label="Texte")

    class Meta:
        icon = "warning"
        label = "Encadré"
        template = "core/blocks/callout.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label="Chiffre", help_text="Par exemple : « 13 millions »")
    label = blocks.CharBlock(label="Ce qu'il mesure")
    source = blocks.CharBlock(required=False, label="Source et année")


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label="Titre")
    figures = blocks.ListBlock(KeyFigureBlock(), label="Chiffres")

    class Meta:
        icon = "table"
        label = "Chiffres clés"
        template = "core/blocks/key_figures.html"


class LinkCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titre")
    text = blocks.TextBlock(required=False, label="Texte")
    page = blocks.PageChooserBlock(required=False, label="Page du site")
    url = blocks.CharBlock(required=False, label="Ou adresse", help_text="Ex. : /clauses/")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                {"url": blocks.ValidationError("Choisissez une page ou saisissez une adresse.")}
            )
        return value


class LinkCardsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label="Titre")
    cards = blocks.ListBlock(LinkCardBlock(), label="Liens")

    class Meta:
        icon = "link"
        label = "Liens en cartes"
        template = "core/blocks/link_cards.html"


class BodyBlock(blocks.StreamBlock):
    """The general-purpose body of editorial pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "document-link", "ul", "ol", "h3", "h4"],
        label="Paragraphe",
        template="core/blocks/paragraph.html",
    )
    callout = CalloutBlock()
    key_figures = KeyFiguresBlock()
    link_cards = LinkCardsBlock()
    table = TableBlock(
        label="Tableau",
        table_options={"startRows": 3, "startCols": 3, "language": "fr-fr"},
        template="core/blocks/table.html",
    )

    class Meta:
        label = "Contenu"
