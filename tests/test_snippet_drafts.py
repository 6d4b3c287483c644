"""Legal bases and glossary terms have drafts: a rédacteur edits and submits, only a valideur
publishes, and visitors read the published text only (issue 15, « can edit but not publish »)."""

from wagtail.models import WorkflowState

from guides.models import LegalBasis
from resources.models.glossary import GlossaryTerm

BASIS_FIELDS = ("slug", "mechanism", "current_articles", "former_articles", "official_url")
BASIS_FIELDS += ("summary", "review_status", "sort_order")
TERM_FIELDS = ("term", "expansion", "variants", "slug")


def basis_form(basis, **changes):
    return {name: getattr(basis, name) for name in BASIS_FIELDS} | changes


def term_form(term, **changes):
    form = {name: getattr(term, name) for name in TERM_FIELDS}
    return form | {"definition": term.definition, "annotate": "on"} | changes


def edit_url(obj):
    meta = obj._meta
    return f"/admin/snippets/{meta.app_label}/{meta.model_name}/edit/{obj.pk}/"


def approve(client, obj):
    """The valideur approves the task waiting for `obj` (the workflow's action, as the admin's
    « Approuver et publier » posts it)."""
    state = WorkflowState.objects.active().get(
        object_id=str(obj.pk), base_content_type__model=obj._meta.model_name
    )
    task_state = state.current_task_state
    meta = obj._meta
    url = (
        f"/admin/snippets/{meta.app_label}/{meta.model_name}/workflow/action/"
        f"{obj.pk}/approve/{task_state.pk}/"
    )
    return client.post(url, {"comment": ""})


def test_a_rédacteur_s_edit_of_a_legal_basis_waits_for_a_valideur(editor, validator, client):
    basis = LegalBasis.objects.public().first()
    old_title = basis.title
    public_url = basis.get_absolute_url()

    client.force_login(editor)
    edit_page = client.get(edit_url(basis)).content.decode()
    assert 'name="action-publish"' not in edit_page
    assert 'name="action-submit"' in edit_page
    response = client.post(
        edit_url(basis), basis_form(basis, title="Intitulé revu") | {"action-submit": "1"}
    )
    assert response.status_code == 302

    basis.refresh_from_db()
    assert basis.title == old_title  # the row keeps the published text
    assert basis.latest_revision.as_object().title == "Intitulé revu"
    client.logout()
    assert "Intitulé revu" not in client.get(public_url).content.decode()
    assert "Intitulé revu" not in client.get("/bases-juridiques/").content.decode()

    # The rédacteur cannot force it live, even by posting the publish action himself.
    client.force_login(editor)
    client.post(
        edit_url(basis), basis_form(basis, title="Intitulé forcé") | {"action-publish": "1"}
    )
    basis.refresh_from_db()
    assert basis.title == old_title

    client.force_login(validator)
    assert approve(client, basis).status_code in (200, 302)
    basis.refresh_from_db()
    assert basis.live and basis.title == "Intitulé revu"
    client.logout()
    assert "Intitulé revu" in client.get(public_url).content.decode()


def test_a_glossary_draft_stays_out_of_the_page_the_annotations_and_the_search(
    editor, validator, client
):
    term = GlossaryTerm.objects.public().exclude(expansion="").first()
    client.force_login(editor)
    response = client.post(
        edit_url(term), term_form(term, definition="Définition brouillon xylophage.")
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert "xylophage" not in term.definition
    client.logout()
    assert "xylophage" not in client.get("/glossaire/").content.decode()
    found = client.get("/recherche/?q=xylophage").content.decode()
    assert "Définition brouillon" not in found  # (the query itself is echoed)

    client.force_login(validator)
    page = client.get(edit_url(term)).content.decode()
    assert 'name="action-publish"' in page
    client.post(
        edit_url(term),
        term_form(term, definition="Définition publiée xylophage.") | {"action-publish": "1"},
    )
    term.refresh_from_db()
    assert term.definition == "Définition publiée xylophage."
    client.logout()
    assert "Définition publiée xylophage." in client.get("/glossaire/").content.decode()


def test_a_new_legal_basis_is_invisible_until_published(editor, client):
    client.force_login(editor)
    form = {
        "title": "Fondement en préparation",
        "slug": "fondement-en-preparation",
        "mechanism": LegalBasis.objects.first().mechanism,
        "current_articles": "L. 9999-1",
        "review_status": "a_verifier",
        "sort_order": 99,
    }
    assert client.post("/admin/snippets/guides/legalbasis/add/", form).status_code == 302
    basis = LegalBasis.objects.get(slug="fondement-en-preparation")
    assert not basis.live
    client.logout()
    assert client.get(basis.get_absolute_url()).status_code == 404
    assert "Fondement en préparation" not in client.get("/bases-juridiques/").content.decode()
    api = client.get("/api/recherche/?q=Fondement+en+préparation").content.decode()
    assert "fondement-en-preparation" not in api


def test_a_new_glossary_term_is_neither_listed_nor_annotated(editor, client):
    client.force_login(editor)
    form = {"term": "ZQXW", "expansion": "zone quasi xérophile", "definition": "Essai."}
    form |= {"variants": "", "slug": "", "annotate": "on"}
    assert client.post("/admin/snippets/resources/glossaryterm/add/", form).status_code == 302
    assert not GlossaryTerm.objects.get(term="ZQXW").live
    client.logout()
    assert "zone quasi xérophile" not in client.get("/glossaire/").content.decode()
    assert "zone quasi xérophile" not in client.get("/recherche/?q=ZQXW").content.decode()


def test_existing_rows_stayed_published(demo):
    assert not LegalBasis.objects.filter(live=False).exists()
    assert not GlossaryTerm.objects.filter(live=False).exists()
