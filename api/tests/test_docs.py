"""The OpenAPI schema and the browsable docs, served without any outside host."""

import re

from django.contrib.staticfiles import finders
from django.test import Client


def test_schema_is_openapi_3_and_lists_the_endpoints(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in (
        "/api/v1/units/",
        "/api/v1/committee-members/",
        "/api/v1/programs/",
        "/api/v1/tasks/",
        "/api/v1/tasks/{id}/",
        "/api/v1/tasks/{id}/evidence/",
        "/api/v1/documents/",
        "/api/v1/activities/",
        "/api/v1/petitions/",
        "/api/v1/visits/",
    ):
        assert path in paths
    assert "patch" in paths["/api/v1/tasks/{id}/"]
    assert "429" in paths["/api/v1/tasks/"]["get"]["responses"]
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    petition = schema["components"]["schemas"]["Petition"]["properties"]
    assert not {"sealed_content", "pin_hash", "names_fold", "handlers"} & set(petition)


def test_docs_page_uses_only_local_assets(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/openapi.json" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html)
    assert not re.search(r"https?://(?!127\.0\.0\.1|localhost|testserver)", html)
    assets = re.findall(r"""(?:src|href)="/static/([^"]+)\"""", html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        assert finders.find(asset), asset
    # The site's CSP forbids inline scripts: every <script> has a same-site src.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts
    assert all('src="/' in attrs and not body.strip() for attrs, body in scripts)
    start = re.search(r'<script src="(/api/v1/docs\?[^"]+)"', html).group(1).replace("&amp;", "&")
    script = Client().get(start)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle" in script.content


def test_the_api_root_links_to_the_schema_and_the_docs(db):
    response = Client().get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    links = response.json()
    assert links["schema"] == "http://testserver/api/v1/openapi.json"
    assert links["docs"] == "http://testserver/api/v1/docs"
    assert links["endpoints"]["tasks"] == "http://testserver/api/v1/tasks"
    assert Client().get(links["schema"]).status_code == 200
    assert Client().get(links["docs"]).status_code == 200
