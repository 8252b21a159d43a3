"""Schema errors in the editors' words, on the line they wrote: a small
stand-in schema (File, Item) and file (items.yml), not one of the site's."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from moussalaha.gate import schema_messages, untrusted_yaml

pytestmark = pytest.mark.unit


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ar: str = Field(min_length=1)
    fr: str = Field(min_length=1)


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    date: dt.date
    title: Text
    beneficiaries: int = Field(default=1, gt=0, strict=True)
    status: Literal["announced", "completed"] = "announced"
    url: str | None = Field(default=None, pattern=r"^https://")
    sources: list[str] = Field(min_length=1)


class File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    news: list[Item]


GOOD = """news:
  - id: a
    date: 2025-12-10
    title:
      ar: عنوان
      fr: Titre
    sources: [delegation-visit-statement]
"""


def messages(yaml_text: str) -> list[str]:
    document = untrusted_yaml.loads(yaml_text, "items.yml")
    with pytest.raises(ValidationError) as caught:
        File.model_validate(document.data)
    return [str(p) for p in schema_messages.problems(caught.value, "items.yml", document.line, File)]


def test_good_data_validates():
    File.model_validate(untrusted_yaml.loads(GOOD).data)


@pytest.mark.parametrize("old, new, expected", [
    ("date: 2025-12-10", "date: 10/12/2025",
     "items.yml:3: `news[0].date`: «10/12/2025» is not a date as the site writes it — write it as 2025-12-10"),
    ("sources: [delegation-visit-statement]", "sources: delegation-visit-statement",
     "items.yml:7: `news[0].sources` must be a list, not «delegation-visit-statement» — write it in brackets, the items "
     "separated by commas: sources: [delegation-visit-statement]"),
    ("    title:\n", "    titel:\n", "items.yml:2: `title:` is missing in news[0] — add a line `title:`"),
    ("    title:\n", "    titel:\n", "items.yml:4: `titel:` is not a field the site knows — did you mean `title:`?"),
    ("sources: [delegation-visit-statement]", "sources: [delegation-visit-statement]\n    beneficiaries: \"239\"",
     "items.yml:8: `news[0].beneficiaries`: «239» is not a number written as a number — write the number "
     "alone, in digits 0-9, without quotes"),
    ("sources: [delegation-visit-statement]", "sources: [delegation-visit-statement]\n    beneficiaries: 0",
     "items.yml:8: `news[0].beneficiaries`: 0 is too small — write a number more than 0"),
    ("sources: [delegation-visit-statement]", "sources: [delegation-visit-statement]\n    status: done",
     "items.yml:8: `news[0].status`: «done» is not one of the allowed values — write one of: 'announced' or "
     "'completed'"),
    ("sources: [delegation-visit-statement]", "sources: [delegation-visit-statement]\n    url: http://x.ma",
     "items.yml:8: `news[0].url`: «http://x.ma» is not a full https:// address"),
    ("sources: [delegation-visit-statement]", "sources: []", "items.yml:7: `news[0].sources` is empty — write it"),
    ("      fr: Titre\n", "", "items.yml:4: `fr:` is missing in news[0].title"),
])
def test_messages_in_the_editors_words(old, new, expected):
    assert old in GOOD
    found = messages(GOOD.replace(old, new))
    assert any(m.startswith(expected) for m in found), found
    assert not any("Input should" in m for m in found)
