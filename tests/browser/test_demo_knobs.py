"""The demo business's knobs make it slow or broken in the ways the audit must notice."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from touchpoint.browser.launch import DEVICES, BrowserSession
from touchpoint.browser.visit import Visit, visit
from touchpoint.demo.server import DemoServer


@pytest.fixture(scope="module")
def session(chromium: str) -> Iterator[BrowserSession]:
    s = BrowserSession.launch(chromium)
    yield s
    s.close()


def look(session: BrowserSession, url: str) -> Visit:
    context = session.new_context(DEVICES["desktop"])
    try:
        return visit(context.new_page(), url)
    finally:
        context.close()


def test_a_render_blocking_script_delays_the_first_paint(
    session: BrowserSession, demo_site: Callable[..., DemoServer]
) -> None:
    plain = look(session, demo_site().base_url)
    blocked = look(session, demo_site(blocking_script_ms=1200).base_url)
    # The script holds the first paint 1.2 s: never sooner, and well after the plain page's on a
    # busy machine too (no absolute bound on the plain page, which load alone can slow).
    plain_fcp, blocked_fcp = (
        plain.timings["browser:first-contentful-paint"],
        blocked.timings["browser:first-contentful-paint"],
    )
    assert blocked_fcp >= 1200
    assert blocked_fcp - plain_fcp >= 600, (plain_fcp, blocked_fcp)


HERO = """
async () => {
  const size = performance.getEntriesByType('resource')
    .filter((e) => e.name.endsWith('hero-photo.png'))[0].encodedBodySize;
  const lcp = await new Promise((resolve) => {
    let last = '';
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) last = e.url;
    }).observe({type: 'largest-contentful-paint', buffered: true});
    setTimeout(() => resolve(last), 1000);
  });
  return {size, lcp};
}
"""


def test_a_heavy_hero_image_is_the_main_content(session: BrowserSession, demo_site: Callable[..., DemoServer]) -> None:
    server = demo_site(heavy_image=True)
    context = session.new_context(DEVICES["desktop"])
    page = context.new_page()
    page.goto(server.base_url)
    found = page.evaluate(HERO)
    context.close()
    assert found["size"] > 4_000_000  # 4.8 MB of incompressible pixels
    assert found["lcp"].endswith("/static/hero-photo.png")


def test_the_header_phone_can_be_removed(session: BrowserSession, demo_site: Callable[..., DemoServer]) -> None:
    context = session.new_context(DEVICES["mobile"])
    page = context.new_page()
    page.goto(demo_site().base_url)
    assert page.locator("header a[href^='tel:']").count() == 1
    page.goto(demo_site(header_phone=False).base_url)
    assert page.locator("header a[href^='tel:']").count() == 0
    context.close()
