"""The schema of the site's facts: one pydantic model per YAML file of
docs/data/ (`FILES`, by the file's name).

`extra="forbid"` everywhere, so that a typo in a field's name is an error,
not a silently ignored field; numbers are strict, so that a figure written
in quotes ("198") is refused, not turned into a number. The ids one file
gives another are checked once every file is valid
(moussalaha/content/data/references.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from moussalaha.gate import official_websites
from moussalaha.languages import LANGUAGES

Language = Literal[LANGUAGES]  # type: ignore[valid-type]
Id = str


class Strict(BaseModel):
    # A typo in a field name is an error, not a silently ignored field.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """The same words in the three languages (languages.LANGUAGES)."""

    ar: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)


class PartialText(Strict):
    """Words that only some languages need (an explanation of a name)."""

    ar: str | None = None
    fr: str | None = None
    en: str | None = None


class Source(Strict):
    """A document the site's facts come from, cited by its id.

    `title` is the document's own title, verbatim; `about` is that title
    translated into each language (or, for a document without a title, what
    it is). A secondary source (a public report read after the archived
    texts) needs `url`, the article's own address, or, where that address
    is not known, its publisher and date. `month_only`: the document gives
    the month, not the day. `kind`: what the document is, where its title
    does not say (an archived press text without publisher or date). An old
    id kept for pages that still cite it names the entry that replaced it,
    and nothing else.
    """

    id: Id
    replaced_by: Id | None = None
    title: str | None = None
    about: Text | None = None
    publisher: Text | None = None
    date: dt.date | None = None
    month_only: bool = False
    kind: Text | None = None
    # The article itself: a path after the domain, never a site's home page.
    url: str | None = Field(default=None, pattern=r"^https?://[^/\s]+/[^\s]+$")
    language: Language | None = None
    secondary: bool | None = None

    @model_validator(mode="after")
    def _complete(self):
        if self.replaced_by is not None:
            # `secondary: false` says nothing: the web editor writes every
            # checkbox, unticked ones as false (moussalaha/output/cms.py).
            others = [name for name in type(self).model_fields
                      if name not in ("id", "replaced_by") and getattr(self, name) not in (None, False)]
            if others:
                raise ValueError(f"an entry with `replaced_by` has no other fields: remove {', '.join(others)}")
            return self
        missing = [name for name in ("about", "language", "secondary") if getattr(self, name) is None]
        if missing:
            raise ValueError(f"add {', '.join(missing)}")
        if self.secondary and self.url is None and (self.publisher is None or self.date is None):
            raise ValueError("a secondary source needs `url`, the full address of the article, or, where it "
                             "is not known, its `publisher` and `date`")
        return self


class Institution(Strict):
    id: Id
    name: Text
    abbreviation: str | None = None
    gloss: PartialText | None = None
    # The institution's official website (its home page), where one is
    # confirmed; left out otherwise.
    website: str | None = Field(default=None, pattern=r"^https://[^/\s]+/$")
    sources: list[Id] = Field(min_length=1)
    # The year the institution was launched, where a source gives it.
    launched: int | None = Field(default=None, strict=True)
    launched_sources: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _website_is_official(self):
        host = self.website and official_websites.unknown_host(self.website)
        if host:
            raise ValueError(f"`website`: {host} is not on the maintainers' list of the partners' official sites "
                             "(moussalaha/gate/official_websites.py); a maintainer checks a new address and adds it there")
        return self

    @model_validator(mode="after")
    def _launch_is_sourced(self):
        if self.launched is not None and not self.launched_sources:
            raise ValueError("`launched` needs `launched_sources`: the source ids that give the year")
        return self


class Signatory(Strict):
    name: Text
    title: Text
    institution: Id


class Person(Strict):
    name: Text
    title: Text


class Centre(Strict):
    """The centre as the sources describe it: its name, who leads it, where it
    sits, and the missions the agreement and the reports of its signing give it."""

    name: Text
    president: Person
    president_sources: list[Id] = Field(min_length=1)
    board: Text
    board_sources: list[Id] = Field(min_length=1)
    seat: Text
    seat_sources: list[Id] = Field(min_length=1)
    finances: Text
    finances_sources: list[Id] = Field(min_length=1)
    # The missions the agreement gives the centre, in its order.
    missions: list[Text] = Field(min_length=1)
    missions_sources: list[Id] = Field(min_length=1)
    # The fuller list that the reports of the signing give.
    further_missions: list[Text] = []
    further_missions_sources: list[Id] = []


class Agreement(Strict):
    date: dt.date
    place: Text
    venue: Text
    venue_sources: list[Id] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)
    signatories: list[Signatory] = Field(min_length=1)


class Named(Strict):
    id: Id
    name: Text


class Noted(Strict):
    """Where another report gives a fact differently: a short note on that
    sentence or row naming it and what it counts, with `note_sources` (the
    fact itself appears once, as the centre publishes it)."""

    note: Text | None = None
    note_sources: list[Id] = []

    @model_validator(mode="after")
    def _note_names_its_report(self):
        if self.note is not None and not self.note_sources:
            raise ValueError("a `note` names another report: add `note_sources`, the ids of the reports it names")
        if self.note_sources and self.note is None:
            raise ValueError("`note_sources` without a `note`: write the note, or remove them")
        return self


class Statement(Noted):
    """A sentence in the three languages, its sources, and a note where
    another report differs."""

    text: Text
    sources: list[Id] = Field(min_length=1)


class FirstEdition(Noted):
    # No place: the reports disagree on it (the note gives both).
    date: dt.date
    end: dt.date | None = None
    sources: list[Id] = Field(min_length=1)


class Programme(Strict):
    name: Text
    launched: int = Field(strict=True)
    launched_by: list[Id]
    launch_sources: list[Id] = Field(min_length=1)
    # Where a report gives another launch year.
    launch_note: Text | None = None
    launch_note_sources: list[Id] = []
    first_edition: FirstEdition
    axes: list[Named] = Field(min_length=1)
    axes_sources: list[Id] = Field(min_length=1)


class Milestone(Noted):
    date: dt.date
    # The source gives the month, not the day: show "February 2023".
    month_only: bool = False
    closed: int | None = Field(default=None, strict=True)
    opened: int | None = Field(default=None, strict=True)
    # Prisoners taking part in the edition closed or opened that day.
    closed_participants: int | None = Field(default=None, gt=0, strict=True)
    opened_participants: int | None = Field(default=None, gt=0, strict=True)
    # Left out where reports disagree and none is settled (see `note`).
    beneficiaries: int | None = Field(default=None, gt=0, strict=True)
    released: int | None = Field(default=None, ge=0, strict=True)
    pardoned: int | None = Field(default=None, ge=0, strict=True)
    sources: list[Id] = Field(min_length=1)
    # `note`: what the figure counts, and how another report differs.

    @model_validator(mode="after")
    def _coherent(self):
        if self.closed_participants is not None and self.closed is None:
            raise ValueError("`closed_participants` needs `closed`: the edition they took part in")
        if self.opened_participants is not None and self.opened is None:
            raise ValueError("`opened_participants` needs `opened`: the edition they take part in")
        if self.closed is None and self.opened is None:
            raise ValueError("give `closed` or `opened`: the edition this figure was reported at")
        if self.beneficiaries is None and self.note is None:
            raise ValueError("without `beneficiaries`, add a `note` saying why the total is left out")
        if self.released is not None and self.beneficiaries is not None and self.released > self.beneficiaries:
            raise ValueError("`released` cannot exceed `beneficiaries`")
        if self.pardoned is not None and (self.released is None or self.pardoned > self.released):
            raise ValueError("`pardoned` needs `released` and cannot exceed it")
        return self


class Project(Strict):
    id: Id
    name: Text
    level: Id
    partners: list[Id]
    status: Literal["announced", "under-way", "completed"]
    sources: list[Id] = Field(min_length=1)


class Event(Strict):
    date: dt.date
    text: Text
    sources: list[Id] = Field(min_length=1)


class OtherProgramme(Strict):
    """A programme the centre describes; no source says whether it is one of
    the projects the agreement provides for."""

    id: Id
    about: Text
    sources: list[Id] = Field(min_length=1)


class Contact(Strict):
    """How to reach the centre: empty until an editor fills it in."""

    email: str = ""
    phone: str = ""
    address: PartialText = PartialText()



class Dataset(Strict):
    name: Text
    description: Text


class Reuse(Strict):
    """The terms of reuse of the site's content and data: empty until the
    centre publishes them (no source gives them)."""

    terms: PartialText = PartialText()
    url: str = Field(default="", pattern=r"^(https?://[^/\s]+/[^\s]*)?$")

    @model_validator(mode="after")
    def _whole(self):
        given = [lang for lang in LANGUAGES if getattr(self.terms, lang)]
        if given and len(given) != len(LANGUAGES):
            raise ValueError("write `terms` in the three languages, or leave all three empty")
        if self.url and not given:
            raise ValueError("`url` needs `terms`: say in the three languages what the licence allows")
        return self


# One model per file: the file's name is the key in the loaded data.
FILES: dict[str, type[BaseModel]] = {}


def _file_model(name: str):
    def register(model):
        FILES[name] = model
        return model

    return register


@_file_model("sources")
class SourcesFile(Strict):
    sources: list[Source]


@_file_model("institutions")
class InstitutionsFile(Strict):
    institutions: list[Institution] = Field(min_length=1)


@_file_model("agreement")
class AgreementFile(Strict):
    agreement: Agreement
    centre: Centre


@_file_model("strategy")
class StrategyFile(Strict):
    levels: list[Named] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)


@_file_model("programme")
class ProgrammeFile(Strict):
    programme: Programme
    milestones: list[Milestone] = Field(min_length=1)
    # The women prisoners, sentence by sentence.
    women: list[Statement] = []
    # Support after release, as reported, by date.
    aftercare_events: list[Event] = []


@_file_model("projects")
class ProjectsFile(Strict):
    announced: int = Field(gt=0, strict=True)
    sources: list[Id] = Field(min_length=1)
    # Empty until the first is published; the web editor leaves an empty list out.
    projects: list[Project] = []
    other_programmes: list[OtherProgramme] = []
    activities: list[Event] = []


@_file_model("contact")
class ContactFile(Strict):
    """How to reach the centre (docs/data/contact.yml): filled in by an editor
    once the centre publishes it; the centre's other facts are in agreement.yml."""

    # Left out by the web editor when every field is empty.
    contact: Contact = Contact()


class Redirect(Strict):
    """An address of the centre's previous site and the page it leads to
    (checked by moussalaha/output/redirects.py)."""

    old: str = Field(pattern=r"^/\S*$")
    new: str = Field(min_length=1)


@_file_model("redirects")
class RedirectsFile(Strict):
    """The previous site's addresses (docs/data/redirects.yml)."""

    redirects: list[Redirect] = []


@_file_model("open_data")
class OpenDataFile(Strict):
    """The programme's figures as open data (docs/data/open_data.yml):
    what they are called, the columns' headings, and the reuse terms."""

    dataset: Dataset
    reuse: Reuse = Reuse()
    columns: dict[str, Text]


@_file_model("ui")
class UIFile(Strict):
    ui: dict[str, Text]
