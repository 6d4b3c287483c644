"""JSON documents of the site: UTF-8 written as such (no \\u escapes), indented for reading."""

from django.http import JsonResponse

JSON_PARAMS = {"ensure_ascii": False, "indent": 1}


def json_response(data, filename=None, content_type="application/json; charset=utf-8"):
    response = JsonResponse(data, content_type=content_type, json_dumps_params=JSON_PARAMS)
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def schema_response(schema):
    """A Table Schema (see tables.table_schema) served as JSON."""
    return json_response(schema)
