"""Choosing and filling forms from a page survey; the ledger's promises."""

from __future__ import annotations

from typing import Any

from touchpoint.attempts.forms import choose_form, fill_plan, missing_required
from touchpoint.attempts.shopper import Identity


def field_(role: str, i: int, *, type_: str = "", required: bool = False, label: str = "") -> dict[str, Any]:
    return {
        "selector": f"[f{i}]",
        "tag": "input",
        "type": type_,
        "name": role,
        "label": label or role,
        "role": role,
        "required": required,
        "visible": True,
    }


def form(i: int, roles: list[str], text: str = "", **kw: Any) -> dict[str, Any]:
    return {
        "index": i,
        "selector": f"[form{i}]",
        "builder": "",
        "visible": True,
        "text": text,
        "submit": f"[s{i}]",
        "fields": [field_(r, n) for n, r in enumerate(roles)],
        "captcha": "",
        "password": False,
        "search": False,
        **kw,
    }


WHO = Identity(
    name="Alex",
    phone="+447911123456",
    reply_to="a+tpx@me.example",
    token="TP-X",
    subject="Q",
    message="How much? (TP-X)",
)


def test_a_callback_wants_the_form_with_a_phone() -> None:
    survey = {
        "forms": [
            form(0, ["email"], "Subscribe to our newsletter"),
            form(1, ["name", "phone"], "Request a callback"),
            form(2, ["name", "email", "message"], "Write to us"),
        ]
    }
    assert choose_form(survey, "callback").form["index"] == 1  # type: ignore[index]
    assert choose_form(survey, "quote").form["index"] in (1, 2)  # type: ignore[index]


def test_search_login_and_newsletter_forms_are_not_contact_forms() -> None:
    survey = {
        "forms": [
            form(0, ["email"], "Subscribe to our newsletter"),
            form(1, ["other"], search=True),
            form(2, ["email", "other"], "Log in", password=True),
        ]
    }
    choice = choose_form(survey, "callback")
    assert choice.form is None and "no form" in choice.why


def test_captcha_and_hosted_forms_need_a_person() -> None:
    assert choose_form({"forms": [form(0, ["phone"], captcha="hCaptcha")]}, "callback").captcha == "hCaptcha"
    hosted = choose_form({"forms": [form(0, [], builder="hosted")]}, "callback")
    assert hosted.form is not None and "frame" in hosted.why
    invisible = choose_form({"forms": [form(0, ["phone"])], "invisible_recaptcha": True}, "callback")
    assert invisible.captcha == "" and "invisible reCAPTCHA" in invisible.notes[0]


def test_the_fill_plan_and_required_fields() -> None:
    f = form(0, ["name", "phone", "email", "message"])
    f["fields"].append(field_("consent", 4, type_="checkbox", required=True))
    f["fields"].append(field_("other", 5, required=True, label="Postcode"))
    plan = fill_plan(f, WHO)
    assert ("[f1]", "phone", "+447911123456") in plan and ("[f2]", "email", "a+tpx@me.example") in plan
    assert ("[f4]", "consent", "check") in plan
    assert missing_required(f, plan) == ["Postcode"]
