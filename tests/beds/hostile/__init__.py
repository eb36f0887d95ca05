"""A blind test bed of hostile and awkward contact forms: does the form's data go to the business's own site?

Two loopback servers count every request they receive: the business's SITE on 127.0.0.1 and
ELSEWHERE on 127.0.0.2 (a third-party form endpoint, CRM or data collector). Each page on the site
has one callback form, modelled on a real provider or a real site's handler (README.md), written
without reading the project's form code. ``PAGES`` (also ``pages.json``) is the answer key::

    from tests.beds.hostile import HostileSites, PAGES

    with HostileSites() as bed:
        bed.base_url                 # "http://127.0.0.1:PORT/"
        bed.page_path("offsite-action")  # "/contact-offsite-action/"
        ...                          # open bed.page_url(name) in a browser, fill and submit it
        bed.posts("offsite-action")  # {"site": 0, "elsewhere": 1}
        bed.requests()               # every request both servers received
        bed.reset()
"""

from tests.beds.hostile.server import EMAIL_RE, PAGES, PAGES_BY_NAME, Endpoint, Hit, HostileSites, Page, attribute

__all__ = ["EMAIL_RE", "PAGES", "PAGES_BY_NAME", "Endpoint", "Hit", "HostileSites", "Page", "attribute"]
