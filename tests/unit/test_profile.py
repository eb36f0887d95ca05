from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from touchpoint.errors import ProfileError
from touchpoint.profile import load_profile, parse_profile
from touchpoint.profile.load import site_key
from touchpoint.result import Level

ROOT = Path(__file__).parents[2]

MINIMAL = 'name = "Acme"\nbase_url = "https://acme.example/"\n'


def test_shipped_profiles_are_valid() -> None:
    demo = load_profile(ROOT / "sites" / "demo.toml")
    assert demo.demo.serve and demo.base_url is None
    assert len(demo.pages) >= 6
    example = load_profile(ROOT / "sites" / "example.toml")
    assert example.inbox.password_env == "TOUCHPOINT_IMAP_PASSWORD"
    assert example.hours.on(4) == ((time(9), time(13)), (time(14), time(17)))
    assert date(2026, 12, 25) in example.hours.holidays


def test_defaults_fill_what_a_minimal_profile_leaves_out() -> None:
    profile = parse_profile(MINIMAL)
    assert [p.name for p in profile.pages] == ["home"]
    assert profile.audit.runs == 3
    assert profile.audit.devices == ("mobile", "desktop")
    assert profile.audit.timeout == timedelta(seconds=30)
    lcp = profile.budgets.for_speed("mobile")["largest-contentful-paint"]
    assert (lcp.level, lcp.threshold) == (Level.WARN, 2500)
    assert profile.page_url(profile.pages[0]) == "https://acme.example/"


def test_budgets_merge_defaults_common_and_device() -> None:
    profile = parse_profile(
        MINIMAL
        + """
[budgets.speed]
largest-contentful-paint = ["error", { maxNumericValue = 3000 }]
"categories:seo" = "off"
[budgets.speed.desktop]
largest-contentful-paint = ["error", { maxNumericValue = 1500 }]
"""
    )
    assert profile.budgets.for_speed("mobile")["largest-contentful-paint"].threshold == 3000
    assert profile.budgets.for_speed("desktop")["largest-contentful-paint"].threshold == 1500
    assert profile.budgets.for_speed("desktop")["categories:seo"].level is Level.OFF
    assert profile.budgets.for_speed("desktop")["total-blocking-time"].threshold == 150  # default


def test_three_mistakes_are_reported_together_with_their_fixes() -> None:
    text = """
name = "Acme"
base_url = "ftp://acme.example"
timezone = "Europe/Londn"
[budgets.speed]
largest-contentful-paint = ["eror", { maxNumericValue = 2500 }]
"""
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source="acme.toml")
    problems = caught.value.problems
    assert len(problems) == 3
    message = str(caught.value)
    assert message.startswith("site profile acme.toml has 3 problems:")
    assert "base_url: 'ftp://acme.example' is not an http(s) address: write e.g. \"https://" in message
    assert "timezone: 'Europe/Londn' is not an IANA time zone" in message
    assert "budgets.speed.largest-contentful-paint: level 'eror'" in message


def test_typos_get_a_did_you_mean() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(MINIMAL + 'langauge = "en"\n[budgets.speed]\nlcp = ["warn", { maxNumericValue = 1 }]\n')
    message = str(caught.value)
    assert 'langauge: unknown field "langauge"; did you mean "language"?' in message
    assert 'did you mean "largest-contentful-paint"?' in message


def test_secrets_are_refused_with_the_env_alternative() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(MINIMAL + '[inbox]\npassword = "hunter2"\n')
    message = str(caught.value)
    assert "password_env" in message
    assert "hunter2" not in message


def test_env_names_are_checked_and_a_password_written_there_is_never_printed() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(MINIMAL + '[inbox]\npassword_env = "my Sup3r-secret!"\n[outbox]\npassword_env = "hunter2-x"\n')
    message = str(caught.value)
    assert "looks like a password, not the name of an environment variable" in message
    assert "Sup3r" not in message and "hunter2" not in message and message.count("password_env") >= 2


def test_toml_syntax_errors_are_one_clear_problem() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile('name = "Acme\n', source="x.toml")
    assert len(caught.value.problems) == 1
    assert "not valid TOML" in caught.value.problems[0]


def test_missing_file_says_where_to_start(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"copy sites/example\.toml"):
        load_profile(tmp_path / "nope.toml")


def test_missing_base_url_and_duplicate_pages() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile('name = "A"\n[[pages]]\nname = "home"\npath = "/"\n[[pages]]\nname = "home"\npath = "/x"\n')
    assert caught.value.problems == (
        'base_url: missing; write base_url = "https://www.example.com/"',
        "pages: the name 'home' is used twice; give each page its own",
    )


@pytest.mark.parametrize(
    ("hours", "fragment"),
    [
        ('mon = "18:00-09:00"', "ends before it starts"),
        ('mon = "9-18"', "not a range of hours"),
        ('mon = ["09:00-13:00", "12:00-18:00"]', "overlap"),
        ('mon = "09:00-25:00"', "out of range"),
    ],
)
def test_bad_opening_hours(hours: str, fragment: str) -> None:
    with pytest.raises(ProfileError, match=fragment):
        parse_profile(MINIMAL + f"[hours]\n{hours}\n")


def test_hours_accept_closed_and_midnight() -> None:
    profile = parse_profile(MINIMAL + '[hours]\nsat = "closed"\nfri = "20:00-24:00"\n')
    assert profile.hours.on(5) == ()
    assert profile.hours.on(4)[0][1] == time.max


def test_durations() -> None:
    profile = parse_profile(MINIMAL + '[channels.callback]\nsla = "1h30m"\n[channels.email]\nsla = 90\n')
    assert profile.channels["callback"].sla == timedelta(minutes=90)
    assert profile.channels["email"].sla == timedelta(minutes=90)
    assert (profile.channels["callback"].kind, profile.channels["email"].kind) == ("form", "email")
    with pytest.raises(ProfileError, match='write "15m"'):
        parse_profile(MINIMAL + '[channels.chat]\nsla = "soon"\n')


def test_a_web_address_is_a_profile_for_a_quick_look() -> None:
    profile = load_profile("https://www.acme-dental.lt/")
    assert profile.name == "acme-dental.lt" and profile.base_url == "https://www.acme-dental.lt/"
    assert [p.path for p in profile.pages] == ["/"]
    assert site_key("https://www.acme-dental.lt/kontaktai") == "acme-dental.lt"
    assert site_key("sites/acme.toml") == "acme"
    with pytest.raises(ProfileError, match="not a web address"):
        load_profile("https://")
