"""The crawl: a bounded breadth-first walk of a site, as a visitor clicking links from its home
page, at the speed of HTTP, rendering in the browser only where it changes the answer
(touchpoint.crawl.walk says how).

    result = crawl("https://acme.example/", limit=50, executable="/usr/bin/chromium")
    result.path_to("https://acme.example/contacts")  # [(url, link words), ...]
"""

from touchpoint.crawl.result import CrawledPage, CrawlResult
from touchpoint.crawl.walk import crawl

__all__ = ["CrawlResult", "CrawledPage", "crawl"]
