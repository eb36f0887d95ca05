"""The `touchpoint` command.

    touchpoint audit sites/acme.toml        audit a site; report in reports/<site>/audit.html
    touchpoint audit sites/ --jobs 3        audit every profile in a folder, 3 sites at a time
    touchpoint demo                         start the demo business, audit it, write its report
    touchpoint demo --serve                 only serve the demo business, to look at it
    touchpoint profile sites/acme.toml      check a profile and print what it will audit
    touchpoint browser [--install]          show (or install) the browser the audit will use
    touchpoint lighthouse [--install]       show (or install) the Lighthouse the audit will use
    touchpoint compare a.toml b.toml ...    sites side by side: a business and its competitors
    touchpoint portfolio                    reports/index.html over every audited site

Exit codes follow pytest's: 0 all within budget (warnings allowed), 1 a budget at level
`error` failed, 4 a usage error such as a broken profile.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from touchpoint.bundled import AUDIT_INI, demo_profile, suite_root, suites
from touchpoint.cli_replies import add_commands
from touchpoint.errors import ProfileError, SetupError
from touchpoint.report.github import add_command as add_summary_command

__all__ = ["install_plan", "main"]


def _pytest_args(profile: Path | str, reports: str | None, extra: Sequence[str]) -> list[str]:
    args = [*map(str, suites()), "--site", str(profile), "-c", str(AUDIT_INI), "--rootdir", str(suite_root())]
    if reports:
        args += ["--audit-reports", reports]
    # pytest's cache (--lf, --ff) beside the reports: the package's own folder may not be writable
    cache = (Path(reports or "reports") / ".pytest_cache").resolve()
    return [*args, "-o", f"cache_dir={cache}", *extra]


def _run_audit(profile: Path | str, reports: str | None, extra: Sequence[str]) -> int:
    import pytest

    return int(pytest.main(_pytest_args(profile, reports, extra)))


def _cmd_audit(ns: argparse.Namespace, extra: list[str]) -> int:
    if len(ns.profile) > 1 or Path(ns.profile[0]).is_dir():
        from touchpoint.fleet import run_fleet

        return run_fleet(ns.profile, jobs=ns.jobs, reports=ns.reports, extra=extra)
    return _run_audit(ns.profile[0], ns.reports, extra)


def _cmd_demo(ns: argparse.Namespace, extra: list[str]) -> int:
    if ns.serve:
        return _serve_demo(ns)
    return _run_audit(demo_profile(), ns.reports, extra)


def _serve_demo(ns: argparse.Namespace) -> int:
    """Only serve the demo business (site, mail and staff), e.g. to audit it from another process."""
    from touchpoint.demo.mail import PASSWORD_ENV
    from touchpoint.demo.server import DemoServer, demo_profile_toml
    from touchpoint.profile import load_profile

    profile = load_profile(demo_profile())
    knobs = profile.demo
    if ns.reply_delay:
        from touchpoint.profile.fields import parse_duration

        knobs = knobs.model_copy(update={"reply_delay": parse_duration(ns.reply_delay)})
    with DemoServer(knobs) as server:
        if ns.write_profile:
            Path(ns.write_profile).write_text(demo_profile_toml(profile, server), encoding="utf-8")
        mail = server.mail
        print(f"The demo business is open at {server.base_url}", flush=True)
        if mail is not None:
            print(
                f"  its mail server (SMTP): 127.0.0.1:{mail.business_smtp_port}; the shopper's mailbox (IMAP): "
                f"127.0.0.1:{mail.imap_port}, user shopper",
                flush=True,
            )
            print(f"  export {PASSWORD_ENV}={mail.password}", flush=True)
        if ns.write_profile:
            print(f"  profile for auditing it: {ns.write_profile}", flush=True)
        print("Ctrl+C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


def _cmd_profile(ns: argparse.Namespace, extra: list[str]) -> int:
    from touchpoint.profile import load_profile
    from touchpoint.profile.load import site_key

    try:
        profile = load_profile(ns.profile)
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        return 4
    print(f"{profile.name}: {profile.base_url or 'the embedded demo'}")
    print(f"  pages: {', '.join(f'{p.name} ({p.path})' for p in profile.pages)}")
    print(f"  devices: {', '.join(profile.audit.devices)}; Lighthouse runs per page: {profile.audit.runs}")
    print(f"  report: reports/{site_key(ns.profile)}/audit.html")
    return 0


def install_plan(*, found: bool, is_root: bool, has_apt: bool, python: str) -> list[list[str]]:
    """Commands that get the machine a browser: none if one is there; Debian's chromium when
    root with apt; else a Playwright-managed download."""
    if found:
        return []
    if is_root and has_apt:
        return [
            ["apt-get", "update", "-q"],
            [
                "apt-get",
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "chromium",
                "fonts-liberation",
                "fonts-dejavu-core",
            ],
        ]
    return [[python, "-m", "playwright", "install", "chromium"]]


def _cmd_browser(ns: argparse.Namespace, extra: list[str]) -> int:
    from touchpoint.browser.find import find_browser

    try:
        found = find_browser()
        print(f"browser: {found.path} (from {found.source})")
        return 0
    except SetupError as exc:
        if not ns.install:
            print(exc, file=sys.stderr)
            return 1
    plan = install_plan(
        found=False, is_root=os.geteuid() == 0, has_apt=bool(shutil.which("apt-get")), python=sys.executable
    )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in plan:
        print(f"installing a browser: {' '.join(command)}", flush=True)
        done = subprocess.run(command, env=env, check=False)
        if done.returncode:
            print(f"failed ({done.returncode}): {' '.join(command)}", file=sys.stderr)
            return done.returncode
    found = find_browser()
    print(f"browser: {found.path} (from {found.source})")
    return 0


def _cmd_lighthouse(ns: argparse.Namespace, extra: list[str]) -> int:
    from touchpoint.errors import LighthouseNotInstalled
    from touchpoint.speed.runner import LIGHTHOUSE_VERSION, find_lighthouse, lighthouse_home

    try:
        print(f"lighthouse: {' '.join(find_lighthouse())}")
        return 0
    except LighthouseNotInstalled as exc:
        if not ns.install:
            print(exc, file=sys.stderr)
            return 1
    npm = shutil.which("npm")
    if npm is None:
        print(
            "Lighthouse needs Node.js and npm: install them (e.g. apt-get install nodejs npm), then run again",
            file=sys.stderr,
        )
        return 1
    home = lighthouse_home()
    home.mkdir(parents=True, exist_ok=True)
    command = [npm, "install", "--prefix", str(home), "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"]
    print(f"installing Lighthouse {LIGHTHOUSE_VERSION}: {' '.join(command)}", flush=True)
    if subprocess.run(command, check=False).returncode:
        return 1
    print(f"lighthouse: {' '.join(find_lighthouse())}")
    return 0


def _cmd_compare(ns: argparse.Namespace, extra: list[str]) -> int:
    """Sites side by side from their latest audits (auditing first those never audited, or all
    with --audit): reports/compare-<first>.html, the best in each row marked."""
    from touchpoint.profile import load_profile
    from touchpoint.profile.load import site_key
    from touchpoint.report.i18n import language
    from touchpoint.report.portfolio import compare_html, load_site

    reports = Path(ns.reports or "reports")
    try:
        first = load_profile(ns.profiles[0])
    except ProfileError as exc:
        print(exc, file=sys.stderr)
        return 4
    paths = [Path(p) for p in ns.profiles]
    if len(paths) == 1:  # the profile's own competitors, relative to it
        paths += [(paths[0].parent / c).resolve() for c in first.competitors]
    if len(paths) < 2:
        print("name at least two profiles, or list competitors = [...] in the first one", file=sys.stderr)
        return 4
    sites = []
    for path in paths:
        results = reports / site_key(str(path)) / "results.json"
        if ns.audit or not results.is_file():
            print(f"auditing {path} …", flush=True)
            _run_audit(path, str(reports), extra)
        if not results.is_file():
            print(f"{path}: no audit to compare (reports/{site_key(str(path))}/results.json)", file=sys.stderr)
            return 1
        sites.append(load_site(results))
    lang = language(ns.lang or first.report_language or first.language)
    page, ranked = compare_html(sites, lang)
    out = reports / f"compare-{site_key(str(paths[0]))}.html"
    out.write_text(page, encoding="utf-8")
    for place, site in enumerate(ranked, 1):
        overall = f"{site.overall:.1f}" if site.overall is not None else "not measured"
        print(f"{place}. {site.name}: {overall}")
    print(f"side by side: {out}")
    return 0


def _cmd_portfolio(ns: argparse.Namespace, extra: list[str]) -> int:
    from touchpoint.report.i18n import language
    from touchpoint.report.portfolio import write_portfolio

    index = write_portfolio(Path(ns.reports or "reports"), language(ns.lang))
    if index is None:
        print("no audits yet under " + (ns.reports or "reports"), file=sys.stderr)
        return 1
    print(f"portfolio: {index}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="touchpoint",
        description="Audit a business's website and touchpoints like a mystery shopper.",
        epilog="Arguments after the subcommand's own are passed to pytest (e.g. -n 2, -k speed).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    audit = sub.add_parser("audit", help="audit a site from its profile")
    audit.add_argument(
        "profile",
        nargs="+",
        help="the site profile, e.g. sites/acme.toml, or a web address for a quick look with defaults; "
        "a folder or several profiles audit a fleet",
    )
    audit.add_argument("--reports", default=None, help="reports folder (default: reports)")
    audit.add_argument(
        "--jobs", type=_positive, default=None, help="a fleet's sites at a time (default: half the cores, at least 2)"
    )
    audit.set_defaults(run=_cmd_audit)
    demo = sub.add_parser("demo", help="start the demo business, audit it, write its report")
    demo.add_argument("--serve", action="store_true", help="only serve the demo business (site, mail, staff)")
    demo.add_argument("--write-profile", default=None, help="with --serve: write a profile for auditing it here")
    demo.add_argument("--reply-delay", default=None, help="with --serve: how long the staff take to answer (e.g. 5s)")
    demo.add_argument("--reports", default=None, help="reports folder (default: reports)")
    demo.set_defaults(run=_cmd_demo)
    profile = sub.add_parser("profile", help="check a site profile and show what it audits")
    profile.add_argument("profile")
    profile.set_defaults(run=_cmd_profile)
    browser = sub.add_parser("browser", help="show the browser the audit uses")
    browser.add_argument("--install", action="store_true", help="install one if none is found")
    browser.set_defaults(run=_cmd_browser)
    compare = sub.add_parser("compare", help="sites side by side: a business and its competitors")
    compare.add_argument("profiles", nargs="+", help="profiles, e.g. sites/acme.toml sites/rival-*.toml")
    compare.add_argument("--reports", default=None, help="reports folder (default: reports)")
    compare.add_argument("--audit", action="store_true", help="audit every site first, not only those never audited")
    compare.add_argument("--lang", default=None, choices=["en", "ru", "lt"], help="the page's language")
    compare.set_defaults(run=_cmd_compare)
    portfolio = sub.add_parser("portfolio", help="write reports/index.html over every audited site")
    portfolio.add_argument("--reports", default=None, help="reports folder (default: reports)")
    portfolio.add_argument("--lang", default="en", choices=["en", "ru", "lt"], help="the page's language")
    portfolio.set_defaults(run=_cmd_portfolio)
    lighthouse = sub.add_parser("lighthouse", help="show (or install) the Lighthouse the audit uses")
    lighthouse.add_argument("--install", action="store_true", help="install it for touchpoint if none is found")
    lighthouse.set_defaults(run=_cmd_lighthouse)
    add_commands(sub)
    add_summary_command(sub)  # touchpoint summary reports/acme
    return parser


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: write a whole number of at least 1")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # "touchpoint audit X -- --audit-cdp ...": what follows "--" is pytest's, as written
    cut = args.index("--") if "--" in args else len(args)
    ns, extra = _parser().parse_known_args(args[:cut])
    extra += args[cut + 1 :]
    code: int = ns.run(ns, extra)
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
