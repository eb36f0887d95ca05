"""Load a site profile from TOML, reporting every problem at once, each with its fix.

profile = load_profile("sites/acme.toml")   # raises ProfileError listing all problems
profile = load_profile("https://acme.lt/")  # a quick look: every setting at its default
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
import types
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from touchpoint.errors import ProfileError
from touchpoint.profile.model import BASE_URL_REQUIRED, SiteProfile

__all__ = ["format_problems", "load_profile", "looks_like_address", "parse_profile", "profile_for_url", "site_key"]

SECRET_WORDS = ("password", "passwd", "secret", "token", "api_key", "apikey")

# What to write for a field that is missing.
EXAMPLES: Mapping[str, str] = {
    "name": 'name = "Acme Dental"',
    "base_url": 'base_url = "https://www.acme-dental.example/"',
    "pages.name": 'name = "home"',
    "pages.path": 'path = "/"',
}


def load_profile(path: str | Path) -> SiteProfile:
    source = str(path)
    if isinstance(path, str) and path.lower().startswith(("http://", "https://")):
        return profile_for_url(path)
    file = Path(path)
    if not file.is_file():
        if isinstance(path, str) and looks_like_address(path):
            # Never guessed: the site may answer only on http, or only on https.
            raise ProfileError(
                source,
                [
                    f"no such file: {file.resolve()}; for a quick look at the site, write the address with its "
                    f"scheme: https://{path} (or http://{path})"
                ],
            )
        raise ProfileError(source, [f"no such file: {file.resolve()}; copy sites/example.toml to start one"])
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(source, [f"cannot read the file: {exc}"]) from None
    return parse_profile(text, source=source)


def looks_like_address(text: str) -> bool:
    """www.acme.example/en/ or 127.0.0.1:8000/: a web address written without http(s)://."""
    first = text.split("/", 1)[0]
    return not text.lower().endswith((".toml", ".yaml", ".yml", ".json", ".txt", ".ini", ".cfg")) and bool(
        re.fullmatch(r"(localhost|[\w-]+(\.[\w-]+)*\.[a-z]{2,}|\d{1,3}(\.\d{1,3}){3})(:\d+)?", first, re.IGNORECASE)
    )


def site_key(source: str | Path) -> str:
    """A site's name for its folders: sites/acme.toml -> acme; https://www.acme.lt/ -> acme.lt."""
    text = str(source)
    if text.lower().startswith(("http://", "https://")):
        host = (urlsplit(text).hostname or "site").removeprefix("www.")
        return re.sub(r"[^\w.-]+", "-", host)
    return Path(text).stem


def profile_for_url(url: str) -> SiteProfile:
    """A profile for a quick look at a site with no profile yet: its address, the rest defaults
    (nothing is submitted; language, region and time zone are read from the site).

    The address is the home page, path and query included: https://acme.example/en/ audits /en/
    and what it links to, not the site's root."""
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    if not host:
        raise ProfileError(url, ["not a web address; write it as https://www.acme.example/ or give a profile file"])
    return parse_profile(f"name = {json.dumps(host)}\nbase_url = {json.dumps(url)}\n", source=url)


def parse_profile(text: str, *, source: str = "<profile>") -> SiteProfile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(source, [f"not valid TOML: {exc}; see https://toml.io for the syntax"]) from None
    try:
        return SiteProfile.model_validate(data)
    except ValidationError as exc:
        problems = format_problems(exc, data)
        # Whole-profile rules run only once every field is valid; say them now anyway.
        if "base_url" not in data and not (data.get("demo") or {}).get("serve"):
            problems.insert(0, f"base_url: missing; {BASE_URL_REQUIRED.split(': ', 1)[1]}")
        raise ProfileError(source, list(dict.fromkeys(problems))) from None


def format_problems(exc: ValidationError, data: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    for error in exc.errors(include_url=False):
        loc = _visible_loc(error["loc"])
        where = _path(loc) or "(the whole profile)"
        kind = error["type"]
        if kind == "extra_forbidden":
            problems.append(f"{where}: {_unknown_field(loc)}")
        elif kind == "value_error" and BASE_URL_REQUIRED in str(error["msg"]):
            problems.append(f"base_url: missing; {BASE_URL_REQUIRED.split(': ', 1)[1]}")
        elif kind == "missing":
            key = ".".join(str(p) for p in loc if not isinstance(p, int))
            example = EXAMPLES.get(key, f"{loc[-1]} = ...")
            problems.append(f"{where}: missing; write {example}")
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
            value = error.get("input")
            secret = any(re.search(r"(_env|password|secret|token|key)$", str(p), re.IGNORECASE) for p in loc)
            shown = (
                ""
                if secret or isinstance(value, dict | list) or value is None or str(value) in message
                else f" (got {value!r})"
            )
            problems.append(f"{where}: {message}{shown}")
    return problems


def _visible_loc(loc: Sequence[int | str]) -> tuple[int | str, ...]:
    # Budget tables are split into common/mobile/desktop internally; show the TOML path.
    out = [p for p in loc if p not in ("common", "[key]")]
    # Annotated validators add their function name to the path; drop those.
    return tuple(p for p in out if not (isinstance(p, str) and p.startswith("function-")))


def _path(loc: Sequence[int | str]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + (part if part.replace("-", "").replace("_", "").isalnum() else f'"{part}"')
    return text


def _unknown_field(loc: Sequence[int | str]) -> str:
    name = str(loc[-1])
    if any(word in name.lower() for word in SECRET_WORDS):
        return (
            f'"{name}" looks like a secret, and secrets never go in a profile: write '
            f'{name.split("_")[0]}_env = "VARIABLE_NAME" and set that environment variable'
        )
    allowed = _fields_at(SiteProfile, loc[:-1])
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = (
        f'; did you mean "{close[0]}"?'
        if close
        else (f"; this section takes {', '.join(sorted(allowed))}" if allowed else "")
    )
    return f'unknown field "{name}"{hint}'


def _fields_at(model: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """The model inside Optional[...] / Annotated[...], if any."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation
