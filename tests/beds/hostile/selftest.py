"""Self-check of the hostile-forms bed (not a pytest test): a visitor fills and sends every page's form.

    .venv/bin/python -m tests.beds.hostile.selftest            # all pages, about 40 s
    .venv/bin/python -m tests.beds.hostile.selftest own hanging --headed

For each page, in a fresh Chromium context: open it, wait for its form (in the page, injected by a
script, or inside a frame), type a name, a fresh e-mail (alex.morgan+tpXXXXXX@shopper.example), a
phone number and a message into the fields a visitor would recognise by their labels, press the
submit button, wait for the page's confirmation (or, for ``hanging``, for the site to have the body),
then compare the counted requests with the answer key. Exit code 0 when every page matches.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import time
from dataclasses import dataclass

from playwright.sync_api import Browser, Frame, Locator, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.beds.hostile.server import PAGES, PAGES_BY_NAME, HostileSites, Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Tags each field of the form with what a visitor takes it for, from its type, autocomplete, label,
# aria-labelledby, placeholder and name (in that order of trust). Returns the form's submit control.
CLASSIFY_JS = """
(emailField) => {
  const form = emailField.closest('form') || emailField.ownerDocument.body;
  const text = (el) => {
    const parts = [];
    if (el.labels) { for (const l of el.labels) parts.push(l.textContent); }
    for (const id of (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)) {
      const node = el.ownerDocument.getElementById(id);
      if (node) parts.push(node.textContent);
    }
    parts.push(el.getAttribute('placeholder') || '', el.getAttribute('name') || '', el.id || '');
    return parts.join(' ').toLowerCase();
  };
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
    && getComputedStyle(el).visibility !== 'hidden';
  const seen = new Set();
  for (const el of form.querySelectorAll('input, textarea')) {
    const type = (el.getAttribute('type') || 'text').toLowerCase();
    if (!visible(el) || ['hidden', 'submit', 'button', 'checkbox', 'radio'].includes(type)) continue;
    const t = text(el);
    const auto = (el.getAttribute('autocomplete') || '').toLowerCase();
    let kind = null;
    if (type === 'email' || auto === 'email' || /e-?mail/.test(t)) kind = 'email';
    else if (type === 'tel' || auto === 'tel' || /phone|tel|mobile/.test(t)) kind = 'phone';
    else if (el.tagName === 'TEXTAREA') kind = 'message';
    else if (auto.includes('name') || /name/.test(t)) kind = 'name';
    if (kind && !seen.has(kind)) { el.setAttribute('data-visitor', kind); seen.add(kind); }
  }
  const submit = [...form.querySelectorAll('button, input[type=submit]')].find(
    (b) => visible(b) && ((b.getAttribute('type') || 'submit').toLowerCase() === 'submit'));
  if (submit) submit.setAttribute('data-visitor', 'submit');
  return [...seen];
}
"""

EMAIL_FIELD = 'input[type=email], input[autocomplete=email], input[name*="mail" i]'


@dataclass
class Outcome:
    name: str
    expected: dict[str, int]
    got: dict[str, int]
    got_any_email: dict[str, int]
    confirmation_seen: bool | None
    elsewhere_requests: int
    stray: int
    seconds: float
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _find_form_frame(page_frames: list[Frame]) -> Frame | None:
    for frame in page_frames:
        try:
            if frame.locator(EMAIL_FIELD).count():
                return frame
        except PlaywrightError:
            continue
    return None


def _confirmation_visible(frames: list[Frame], text: str) -> bool:
    for frame in frames:
        try:
            if frame.get_by_text(text, exact=False).first.is_visible():
                return True
        except PlaywrightError:
            continue
    return False


def visit(browser: Browser, bed: HostileSites, key: Page, *, hang_wait: float) -> Outcome:
    name = key["name"]
    bed.reset()
    started = time.monotonic()
    email = f"alex.morgan+tp{secrets.token_hex(3)}@shopper.example"
    typed = {
        "name": "Alex Morgan",
        "email": email,
        "phone": "+44 7700 900123",
        "message": "Hello! Could you call me back about a quote, please? (service-quality check)",
    }
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    confirmation_seen: bool | None = None
    try:
        page = context.new_page()
        answered: list[str] = []
        page.on("response", lambda response: answered.append(response.url))
        page.goto(bed.page_url(name), wait_until="load")
        frame = None
        deadline = time.monotonic() + 10
        while frame is None and time.monotonic() < deadline:
            frame = _find_form_frame(page.frames)
            if frame is None:
                page.wait_for_timeout(100)
        if frame is None:
            raise RuntimeError("no form with an e-mail field appeared")
        kinds = frame.locator(EMAIL_FIELD).first.evaluate(CLASSIFY_JS)
        missing = {"name", "email", "phone", "message"} - set(kinds)
        if missing:
            problems.append(f"fields not recognised: {sorted(missing)}")
        for kind in kinds:
            field: Locator = frame.locator(f'[data-visitor="{kind}"]')
            field.click()
            field.press_sequentially(typed[kind], delay=5)
        # Do not wait for the navigation a submit starts: some never answer.
        frame.locator('[data-visitor="submit"]').click(no_wait_after=True)

        confirmation = key["confirmation"]
        if confirmation is None:
            # Reading the page would wait for the pending navigation; watch the responses instead.
            bed.wait_posts(name, {"site": 1}, timeout=hang_wait, values=[email])
            page.wait_for_timeout(1000)
            confirmation_seen = False
            endpoint = key["endpoints"][0]["path"]
            if any(url.split("?")[0].endswith(endpoint) for url in answered):
                confirmation_seen = True
                problems.append(f"{endpoint} answered, but this page never answers")
        else:
            wait = bed.slow_seconds + 10 if name == "slow-ok" else 10.0
            deadline = time.monotonic() + wait
            confirmation_seen = False
            while time.monotonic() < deadline:
                if _confirmation_visible(page.frames, confirmation):
                    confirmation_seen = True
                    break
                page.wait_for_timeout(100)
            if not confirmation_seen:
                problems.append(f"confirmation {confirmation!r} not seen")
            page.wait_for_timeout(700)  # late beacons and redirected requests
    except (PlaywrightError, RuntimeError) as error:
        problems.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        context.close()

    expected = key["expected_posts_per_submission"]
    got = bed.posts(name, [email])
    got_any = bed.posts(name)
    if got != expected:
        problems.append(f"posts {got} != expected {expected}")
    if got_any != got:
        problems.append(f"e-mail-pattern count {got_any} differs from typed-value count {got}")
    stray = bed.stray([email])
    if stray:
        problems.append(f"{len(stray)} request(s) with the typed e-mail outside the key: {[h.url for h in stray]}")
    elsewhere = bed.requests("elsewhere")
    if name == "analytics-and-own":
        if not elsewhere:
            problems.append("no analytics requests reached ELSEWHERE")
        if any(hit.contains([email, typed["phone"]]) for hit in elsewhere):
            problems.append("an analytics request carried form data")
    if name == "hanging":
        bodies = [hit for hit in bed.form_posts(name, [email]) if hit.server == "site"]
        if len(bodies) != 1 or bodies[0].body_size == 0:
            problems.append("the site did not receive the whole body exactly once")
    return Outcome(
        name=name,
        expected=expected,
        got=got,
        got_any_email=got_any,
        confirmation_seen=confirmation_seen,
        elsewhere_requests=len(elsewhere),
        stray=len(stray),
        seconds=time.monotonic() - started,
        problems=problems,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="*", help="page names (default: all)")
    parser.add_argument("--headed", action="store_true")
    parser.add_argument("--hang-wait", type=float, default=10.0, help="how long to wait for the hanging body")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every request")
    args = parser.parse_args(argv)
    unknown = [name for name in args.pages if name not in PAGES_BY_NAME]
    if unknown:
        parser.error(f"unknown page(s) {unknown}; pages: {', '.join(PAGES_BY_NAME)}")
    keys = [PAGES_BY_NAME[name] for name in args.pages] if args.pages else PAGES

    outcomes: list[Outcome] = []
    with HostileSites() as bed, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=not args.headed)
        print(f"SITE {bed.base_url}   ELSEWHERE {bed.elsewhere_url}")
        header = f"{'page':<22} {'expected':<14} {'got':<14} {'confirmed':<9} {'else reqs':>9} {'s':>5}  result"
        print(header)
        print("-" * len(header))
        for key in keys:
            outcome = visit(browser, bed, key, hang_wait=args.hang_wait)
            outcomes.append(outcome)

            def short(counts: dict[str, int]) -> str:
                return f"s={counts.get('site', 0)} e={counts.get('elsewhere', 0)}"

            confirmed = "-" if outcome.confirmation_seen is None else ("yes" if outcome.confirmation_seen else "no")
            if key["confirmation"] is None:
                confirmed = "none" if not outcome.confirmation_seen else "YES?"
            print(
                f"{outcome.name:<22} {short(outcome.expected):<14} {short(outcome.got):<14} {confirmed:<9} "
                f"{outcome.elsewhere_requests:>9} {outcome.seconds:>5.1f}  {'ok' if outcome.ok else 'FAIL'}"
            )
            for problem in outcome.problems:
                print(f"    ! {problem}")
            if args.verbose:
                for hit in bed.requests():
                    mark = "*" if hit.carries_form_data else " "
                    print(f"    {mark} {hit.server:<9} {hit.method:<7} {hit.url}  ({hit.body_size} B) page={hit.page}")
        browser.close()
    failed = [outcome.name for outcome in outcomes if not outcome.ok]
    print()
    print(
        f"{len(outcomes) - len(failed)}/{len(outcomes)} pages match the key" + (f"; failed: {failed}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
