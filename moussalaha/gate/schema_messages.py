"""The data schema's errors in the editors' words.

pydantic says "Input should be a valid date or datetime, invalid character
in year"; an editor needs "write the date as 2025-12-10". `explain` turns
one pydantic error (an item of `ValidationError.errors()`) into what is
wrong and how to fix it; `problems` does it for a whole error, with the line
of each location from the loaded YAML (moussalaha.gate.untrusted_yaml.Document).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from pydantic import BaseModel, ValidationError

from moussalaha.problems import Problem


def _where(location: tuple) -> str:
    """`milestones[2].date` for ("milestones", 2, "date")."""
    text = ""
    for key in location:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text or "the file"


def _field(location: tuple) -> str:
    names = [k for k in location if isinstance(k, str)]
    return names[-1] if names else "this entry"


def _shown(value) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "…"


def _known_fields(model: type[BaseModel] | None, location: tuple) -> list[str]:
    """The fields of the model at the entry that holds `location`."""
    for key in location[:-1]:
        if model is None:
            return []
        if isinstance(key, int):
            continue
        field = model.model_fields.get(key)
        annotation = field.annotation if field else None
        model = None
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            for inner in (candidate, *getattr(candidate, "__args__", ())):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    model = inner
    return sorted(model.model_fields) if model else []


def explain(error: dict, model: type[BaseModel] | None = None) -> tuple[str, str]:
    """(what is wrong, how to fix it) for one pydantic error."""
    location = tuple(error.get("loc", ()))
    kind, value, field = error.get("type", ""), error.get("input"), _field(location)
    where = _where(location)
    context = error.get("ctx") or {}
    if kind == "missing":
        return f"`{field}:` is missing in {_where(location[:-1])}", \
               f"add a line `{field}:` with its value (see the other entries of the file)"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field, _known_fields(model, location), n=1)
        return f"`{field}:` is not a field the site knows", \
               (f"did you mean `{close[0]}:`? Fix the spelling" if close else "check its spelling, or remove it")
    if kind.startswith(("date_", "datetime_")):
        return f"`{where}`: «{_shown(value)}» is not a date as the site writes it", \
               "write it as 2025-12-10 (year, month, day), without quotes"
    if kind in ("list_type", "tuple_type", "set_type"):
        return f"`{where}` must be a list, not «{_shown(value)}»", \
               f"write it in brackets, the items separated by commas: {field}: [{_shown(value)}]"
    if kind in ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"):
        return f"`{where}`: «{_shown(value)}» is not a number written as a number", \
               "write the number alone, in digits 0-9, without quotes or spaces, such as 412"
    if kind in ("bool_type", "bool_parsing"):
        return f"`{where}`: «{_shown(value)}» is not true or false", "write true or false"
    if kind in ("string_type",):
        return f"`{where}` must be text, not «{_shown(value)}»", \
               "write the text; put it in quotes if it looks like a number, a date, yes or no"
    if kind in ("string_too_short", "too_short"):
        return f"`{where}` is empty", "write it (a list needs at least one item: [item])"
    if kind == "literal_error":
        return f"`{where}`: «{_shown(value)}» is not one of the allowed values", \
               f"write one of: {context.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        if "https" in str(context.get("pattern", "")):
            return f"`{where}`: «{_shown(value)}» is not a full https:// address", \
                   "write the whole address, starting with https://"
        return f"`{where}`: «{_shown(value)}» is not written as expected", "see the other entries of the file"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(context.values()), "")
        words = {"greater_than": "more than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        return f"`{where}`: {_shown(value)} is too {'small' if 'greater' in kind else 'large'}", \
               f"write a number {words} {bound}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"`{where}` must be a group of fields, not «{_shown(value)}»", \
               "write each field on its own line, indented under it, as in the other entries"
    if kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        return f"`{where}`: {message}", "see the file's comments for what this entry needs"
    return f"`{where}`: {error.get('msg', 'this value is not what the site expects')}", \
        "see the other entries of the file"


def problems(error: ValidationError, display: str, line_of, model: type[BaseModel] | None = None) -> list[Problem]:
    """Every error of `error` as a Problem in `display`, placed by `line_of(location)`."""
    found: Iterable[dict] = error.errors()
    return sorted(Problem(display, line_of(tuple(item["loc"])), *explain(item, model)) for item in found)
