"""The crawl: a bounded breadth-first walk of a site, as a visitor clicking links from its home page.

    result = crawl("https://acme.example/", limit=50, executable="/usr/bin/chromium")
    result.path_to("https://acme.example/contacts")  # [(url, link words), ...]
"""

from touchpoint.crawl.rendered import CrawledPage, CrawlResult, crawl

__all__ = ["CrawlResult", "CrawledPage", "crawl"]
