"""``import-jekyll`` makes academicpages' ``_data/cv.json`` the CV's data, docs/cv.yaml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from test_import import build

from scholarpages.importer import import_site

from helpers import read_html

TEMPLATE = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "academicpages-template"
CV_JSON = {
    "basics": {"name": "Ada Lovelace", "email": "ada@example.org", "profiles": []},
    "work": [{"name": "Analytical Engine Co", "position": "Programmer", "startDate": "1842"}],
    "education": [{"institution": "Home", "area": "Mathematics", "endDate": "1835"}],
    "publications": [{"name": "Notes", "releaseDate": "1843"}],
    "presentations": [{"name": "A talk", "date": "1840", "event": "Royal Society"}],
}
CV_PAGE = (
    "---\nlayout: archive\ntitle: CV\npermalink: /cv-json/\n---\n\n"
    "{% include base_path %}\n\n{% include cv-template.html %}\n"
)


def copy_template(tmp_path: Path, cv_json: str) -> Path:
    site = tmp_path / "site"
    shutil.copytree(TEMPLATE, site)
    (site / "_data/cv.json").write_text(cv_json, encoding="utf-8")
    return site


@pytest.mark.skipif(not TEMPLATE.is_dir(), reason="the academicpages template is not here")
def test_cv_json_becomes_the_data_of_a_cv_page_that_builds(tmp_path: Path) -> None:
    site = copy_template(tmp_path, json.dumps(CV_JSON, indent=2))
    dest = tmp_path / "dest"
    report = import_site(site, dest)
    data = yaml.safe_load((dest / "docs/cv.yaml").read_text("utf-8"))
    # Publications come from publications.bib, talks from talks/: not copied twice.
    assert list(data) == ["basics", "work", "education"]
    assert data["work"] == CV_JSON["work"]
    assert "{cv}" in (dest / "docs/cv-json.md").read_text("utf-8")
    assert report.review == []
    outdir, warnings = build(dest)
    assert warnings == [], warnings
    page = read_html(outdir / "cv-json/index.html")
    text = page.get_text(" ", strip=True)
    assert "Analytical Engine Co" in text
    assert "Paper Title Number 1" in text  # from publications.bib
    assert (outdir / "cv.pdf").is_file()


@pytest.mark.skipif(not TEMPLATE.is_dir(), reason="the academicpages template is not here")
def test_cv_json_with_a_syntax_error_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    text = json.dumps(CV_JSON, indent=2).replace('"1842"\n    }', '"1842"\n    },', 1)
    site = copy_template(tmp_path, text)
    dest = tmp_path / "dest"
    report = import_site(site, dest)
    data = yaml.safe_load((dest / "docs/cv.yaml").read_text("utf-8"))
    assert data["work"] == CV_JSON["work"]
    rendered = (dest / "IMPORT_REPORT.md").read_text("utf-8")
    assert "not valid JSON" in rendered
    assert report.review == []

    # Beyond what YAML forgives: copied for a person to fix, and reported.
    (site / "_data/cv.json").write_text('{"basics": {"name": "Ada"', encoding="utf-8")
    dest = tmp_path / "dest2"
    report = import_site(site, dest)
    assert (dest / "docs/cv.json").read_text("utf-8") == '{"basics": {"name": "Ada"'
    assert any("not valid JSON" in why for _, why in report.review)
    assert "{cv}" in (dest / "docs/cv-json.md").read_text("utf-8")
