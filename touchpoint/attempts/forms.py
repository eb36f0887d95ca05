"""Which form on a page a customer would use for this channel, and what goes in each field.
Pure: the page's form survey (from forms.js) in, a choice and a fill plan out."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from touchpoint.attempts.shopper import Identity

__all__ = ["FORMS_JS", "SUCCESS_EVENTS_JS", "Choice", "choose_form", "fill_plan"]

FORMS_JS = Path(__file__).with_name("forms.js").read_text(encoding="utf-8")

# Installed before any page script runs: the form builders' own "sent" events, kept with the
# browser's clock (Contact Form 7, HubSpot, Tilda, Bitrix24).
SUCCESS_EVENTS_JS = """
(() => {
  window.__tpFormEvents = [];
  const note = (builder, event, ok) => window.__tpFormEvents.push({builder, event, ok, at: Date.now()});
  document.addEventListener('wpcf7mailsent', () => note('Contact Form 7', 'wpcf7mailsent', true), true);
  document.addEventListener('wpcf7mailfailed', () => note('Contact Form 7', 'wpcf7mailfailed', false), true);
  document.addEventListener('wpcf7invalid', () => note('Contact Form 7', 'wpcf7invalid', false), true);
  document.addEventListener('tildaform:aftersuccess', () => note('Tilda', 'tildaform:aftersuccess', true), true);
  window.addEventListener('b24:form:send:success', () => note('Bitrix24', 'b24:form:send:success', true));
  window.addEventListener('message', (e) => {
    const d = e.data || {};
    if (d.type === 'hsFormCallback' && d.eventName === 'onFormSubmitted') note('HubSpot', 'onFormSubmitted', true);
  });
})();
"""

_CALLBACK = re.compile(
    r"call\s?back|call me|request a call|перезвон|обратн\w+ звон|заказать звонок|"
    r"perskambin|paskambin|skambut",
    re.IGNORECASE,
)
_NOT_CONTACT = re.compile(
    r"subscribe|newsletter|sign up|log ?in|search|рассылк|подпис|войти|поиск|prenumer|"
    r"naujienlaišk|prisijung|paieška",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Choice:
    form: Mapping[str, Any] | None
    why: str
    captcha: str = ""
    notes: tuple[str, ...] = field(default=())


def _roles(form: Mapping[str, Any]) -> set[str]:
    return {f["role"] for f in form["fields"] if f["visible"] or f["role"] == "consent"}


def choose_form(survey: Mapping[str, Any], channel_name: str) -> Choice:
    """The form a customer would pick for `channel_name` (callback wants a phone field)."""
    candidates = []
    for form in survey.get("forms", []):
        roles = _roles(form)
        if form.get("password") or form.get("search"):
            continue
        if form.get("builder") == "hosted":
            candidates.append((-1, form))
            continue
        if not ({"phone", "email"} & roles) or not form.get("submit"):
            continue
        if _NOT_CONTACT.search(form.get("text", "")) and "message" not in roles and "phone" not in roles:
            continue
        score = 2 * ("phone" in roles) + ("email" in roles) + ("message" in roles) + 2 * bool(form.get("visible"))
        if channel_name.startswith("callback") and "phone" not in roles:
            score -= 5
        if _CALLBACK.search(form.get("text", "")) and channel_name.startswith("callback"):
            score += 3
        candidates.append((score, form))
    if not candidates:
        return Choice(None, "no form with a phone or email field and a send button")
    score, form = max(candidates, key=lambda c: c[0])
    if score < 0 and form.get("builder") == "hosted":
        return Choice(
            form,
            "a form hosted by a form builder in a frame (Typeform, HubSpot, Bitrix24)",
            notes=("the audit does not fill forms inside another site's frame",),
        )
    captcha = form.get("captcha") or ""
    notes = []
    if survey.get("invisible_recaptcha") and not captcha:
        notes.append("the page uses invisible reCAPTCHA: the site may reject a submission it scores as a robot")
    return Choice(
        form,
        f"{form.get('builder') or 'an HTML form'} with fields {', '.join(sorted(_roles(form)))}",
        captcha=captcha or (survey.get("page_captcha") or "" if not form.get("visible") else ""),
        notes=tuple(notes),
    )


def fill_plan(form: Mapping[str, Any], who: Identity) -> list[tuple[str, str, str]]:
    """(selector, role, value) for every field a customer fills in; "check" for checkboxes."""
    values = {
        "name": who.name,
        "phone": who.phone,
        "email": who.reply_to,
        "subject": who.subject,
        "message": who.message,
    }
    plan = []
    seen: set[str] = set()
    for f in form["fields"]:
        role = f["role"]
        if role == "consent" and f["type"] == "checkbox":
            plan.append((f["selector"], role, "check"))
        elif f.get("tag") == "select" and f.get("required") and f.get("visible") and f.get("first_option"):
            # "What do you need?": a customer picks something; the first real option will do.
            plan.append((f["selector"], "choice", str(f["first_option"])))
        elif role in values and f["visible"] and (role not in seen or role == "message"):
            value = values[role]
            if value:
                plan.append((f["selector"], role, value))
                seen.add(role)
    return plan


def missing_required(form: Mapping[str, Any], plan: Sequence[tuple[str, str, str]]) -> list[str]:
    filled = {selector for selector, _, _ in plan}
    return [
        f["label"] or f["name"] or f["role"]
        for f in form["fields"]
        if f["required"] and f["visible"] and f["selector"] not in filled and f["type"] not in ("hidden",)
    ]
