"""The whole directory handed over as one page (content/handout.py, export/html.py): links where the
data points, nothing of it on paper, and ids that never collide (issue 26)."""

from __future__ import annotations

import re

from hkprobono.content import words
from hkprobono.content.handout import directory_page
from hkprobono.export import html as export_html
from hkprobono.freshness import today
from hkprobono.model import Directory, Organisation


def org_of(directory: Directory, slug: str) -> Organisation:
    org = directory.by_slug(slug)
    assert org is not None
    return org


def test_html_page_links_what_the_data_points_to_and_prints_none_of_it(directory: Directory) -> None:
    """The overview's `see` becomes links to the cards on the page, for the screen only; a step's
    pointer to a deadline, which the page does not hold, gives nothing."""
    page = export_html.page(directory_page(directory, today()))
    guide = directory.guide
    assert guide is not None and guide.overview_see
    see = re.search(r'<p class="see">See (.*?)\.</p>', page)
    assert see is not None
    for ref in guide.overview_see:
        org = org_of(directory, ref.key)
        assert f'<a href="#{org.slug}">{words.with_status(org.name, words.status_word(org))}</a>' in see.group(1)
        assert page.count(f'id="{org.slug}"') == 1
    assert re.search(r"@media print \{.*\.see \{ display: none; \}", page, re.DOTALL)
    appeal = next(s for s in guide.steps if any(r.kind == "deadline" for r in s.see))
    section = re.search(rf'<section class="step" id="usm_step_{appeal.number}">(.*?)</section>', page)
    assert section is not None and "See" not in section.group(1) and 'class="see"' not in section.group(1)


def test_html_ids_are_unique_whatever_the_slugs(directory: Directory) -> None:
    """Issue 26: an organisation whose slug is also a name the page uses for itself ("usm", a
    category's or a step's anchor) gets its own id all the same; every id on the page is unique."""
    taken = ["usm", "usm-guide", "category-food", "usm-step-8", "step-8"]
    extra = tuple(org_of(directory, "refugee-union")._replace(slug=slug, name=f"Org {slug}") for slug in taken)
    crowded = directory._replace(organisations=(*directory.organisations, *extra), slugs=())
    page = export_html.page(directory_page(crowded, today()))
    ids = re.findall(r'\sid="([^"]*)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for slug in taken:
        assert f'id="{slug}"' in page
    anchors = set(re.findall(r'href="#([^"]*)"', page))
    assert anchors <= set(ids), anchors - set(ids)  # every link within the page goes somewhere
