"""The sections a CV data file may hold: JSON Resume's, and those academic sites add.

JSON Resume (https://jsonresume.org/schema) is what academicpages' ``_data/cv.json`` and
al-folio's ``resume.json`` follow, so both bring their data as it is. Each section is a list
of entries; every entry is shown the same way (a title, who or where, dates, a link, a
summary, highlights and details), so each section only says which of its fields play which
part.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionSpec:
    heading: str
    title: tuple[str, ...] = ()  # joined with ", " (education: studyType, area)
    subtitle: tuple[str, ...] = ()  # the first one given
    start: tuple[str, ...] = ()  # the first one given; a single date is a start alone
    end: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    url: tuple[str, ...] = ()  # the first one given
    summary: tuple[str, ...] = ()  # each one given, a paragraph
    items: tuple[str, ...] = ()  # lists of text shown as bullet points
    details: tuple[tuple[str, str], ...] = ()  # (field, label) shown as "label: value"
    dated: bool = False  # an entry without any date is reported
    ongoing: bool = False  # a start with no end reads "start, dash, present"

    @property
    def known(self) -> frozenset[str]:
        fields = (
            *self.title,
            *self.subtitle,
            *self.start,
            *self.end,
            *self.location,
            *self.url,
            *self.summary,
            *self.items,
        )
        return frozenset([*fields, *(name for name, _ in self.details)])


_WORK = SectionSpec(
    "Experience",
    title=("position",),
    # ``company`` and ``website``: JSON Resume's names before version 1.0.
    subtitle=("name", "organization", "company"),
    start=("startDate",),
    end=("endDate",),
    location=("location",),
    url=("url", "website"),
    summary=("summary", "description"),
    items=("highlights",),
    dated=True,
    ongoing=True,
)
_AWARDS = SectionSpec(
    "Awards",
    title=("title",),
    subtitle=("awarder",),
    start=("date",),
    url=("url",),
    summary=("summary",),
    dated=True,
)

SECTIONS: dict[str, SectionSpec] = {
    "work": _WORK,
    "volunteer": SectionSpec(
        "Volunteering",
        title=("position",),
        subtitle=("organization", "name"),
        start=("startDate",),
        end=("endDate",),
        location=("location",),
        url=("url", "website"),
        summary=("summary",),
        items=("highlights",),
        dated=True,
        ongoing=True,
    ),
    "education": SectionSpec(
        "Education",
        title=("studyType", "area"),
        subtitle=("institution",),
        start=("startDate",),
        end=("endDate",),
        location=("location",),
        url=("url", "website"),
        summary=("summary",),
        items=("courses",),
        # ``gpa``: academicpages' name for the score.
        details=(("score", "Score"), ("gpa", "GPA")),
        dated=True,
    ),
    "awards": _AWARDS,
    "certificates": SectionSpec(
        "Certificates",
        title=("name",),
        subtitle=("issuer",),
        start=("date",),
        url=("url",),
        dated=True,
    ),
    "publications": SectionSpec(
        "Publications",
        title=("name",),
        subtitle=("publisher",),
        start=("releaseDate",),
        url=("url", "website"),
        summary=("summary",),
    ),
    "skills": SectionSpec(
        "Skills", title=("name",), subtitle=("level",), details=(("keywords", "Keywords"),)
    ),
    "languages": SectionSpec("Languages", title=("language",), subtitle=("fluency",)),
    "interests": SectionSpec("Interests", title=("name",), details=(("keywords", "Keywords"),)),
    "references": SectionSpec("References", title=("name",), summary=("reference",)),
    "projects": SectionSpec(
        "Projects",
        title=("name",),
        subtitle=("entity",),
        start=("startDate",),
        end=("endDate",),
        url=("url",),
        summary=("description",),
        items=("highlights",),
        details=(("roles", "Roles"), ("keywords", "Keywords"), ("type", "Type")),
    ),
    # academicpages' additions to the schema.
    "presentations": SectionSpec(
        "Talks",
        title=("name",),
        subtitle=("event",),
        start=("date",),
        location=("location",),
        url=("url",),
        summary=("description", "summary"),
        dated=True,
    ),
    "teaching": SectionSpec(
        "Teaching",
        title=("course",),
        subtitle=("institution",),
        start=("date", "startDate"),
        end=("endDate",),
        location=("location",),
        url=("url",),
        summary=("description", "summary"),
        details=(("role", "Role"),),
        dated=True,
    ),
    "portfolio": SectionSpec(
        "Portfolio",
        title=("name",),
        subtitle=("category",),
        start=("date",),
        url=("url",),
        summary=("description", "summary"),
    ),
    # Academic sections, in the shape of ``work`` and ``awards``.
    "service": SectionSpec(**{**_WORK.__dict__, "heading": "Service"}),
    "grants": SectionSpec(**{**_AWARDS.__dict__, "heading": "Grants"}),
}

# Where a section goes when the data file does not place it: JSON Resume's order, with the
# academic sections where an academic CV has them.
CANONICAL_ORDER = (
    "basics",
    "education",
    "work",
    "volunteer",
    "service",
    "awards",
    "grants",
    "certificates",
    "publications",
    "presentations",
    "teaching",
    "projects",
    "portfolio",
    "skills",
    "languages",
    "interests",
    "references",
)

BASICS_TEXT = ("name", "label", "email", "phone", "summary")
BASICS_URL = ("url", "website")
BASICS_KNOWN = frozenset([*BASICS_TEXT, *BASICS_URL, "image", "picture", "location", "profiles"])
LOCATION_FIELDS = ("address", "postalCode", "city", "region", "countryCode")
PROFILE_FIELDS = frozenset({"network", "username", "url"})
# Parts of a JSON Resume file that describe the file, not the person.
IGNORED = frozenset({"$schema", "meta"})
