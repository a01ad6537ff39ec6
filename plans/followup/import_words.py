"""The words a team's spreadsheet may use, in Swedish or English, for the import.

Everything is compared after :func:`normal`: case, surrounding space, repeated
space and the kind of dash do not matter.
"""

from __future__ import annotations

import re

from plans.documents.case import AgeBand, Gender, Referrer

_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "−": "-"})


def normal(value: str) -> str:
    return _SPACES.sub(" ", value.translate(_DASHES)).strip().casefold()


def header_key(value: str) -> str:
    """``"Aktualiserad datum"`` and ``"aktualiserad-datum"`` are the same column."""
    return re.sub(r"[\s\-]+", "_", normal(value)).strip("_:")


COLUMNS: dict[str, tuple[str, ...]] = {
    "raised_on": (
        "raised_on",
        "raised",
        "date",
        "raised_date",
        "datum",
        "aktualiserad",
        "aktualiserad_datum",
        "aktualiseringsdatum",
        "datum_aktualiserad",
        "aktualiserad_den",
    ),
    "consent": ("consent", "with_consent", "samtycke", "med_samtycke"),
    "sip": (
        "sip",
        "coordinated_plan",
        "samordnad_plan",
        "samordnad_individuell_plan",
        "fick_sip",
    ),
    "age": ("age", "age_years", "ålder", "alder", "ålder_år"),
    "age_band": (
        "age_band",
        "age_group",
        "åldersgrupp",
        "åldersband",
        "åldersintervall",
        "åldersgrupper",
    ),
    "gender": ("gender", "sex", "kön", "kon"),
    "referrer": (
        "referrer",
        "referred_by",
        "raised_by",
        "organisation",
        "organization",
        "aktualiserad_av",
        "aktualiserare",
        "remittent",
        "verksamhet",
        "uppmärksammad_av",
        "anmälare",
    ),
    "team": ("team", "hlt_team", "teamet", "team_namn"),
}
HEADER_TO_COLUMN = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
REQUIRED = ("raised_on", "consent")

YES = frozenset({"yes", "y", "ja", "j", "1", "true", "sant", "x"})
NO = frozenset({"no", "n", "nej", "0", "false", "falskt"})

UNBORN_WORDS = frozenset(
    {"unborn", "expected", "expected child", "ofödd", "ofött", "väntat", "väntat barn", "foster"}
)
AGE_BANDS: dict[str, AgeBand] = {
    **dict.fromkeys(UNBORN_WORDS, AgeBand.UNBORN),
    "0-5": AgeBand.AGE_0_5,
    "6-12": AgeBand.AGE_6_12,
    # The teams report everyone from 13 in one band, so these all land there.
    **dict.fromkeys(("13-16", "13+", "13-17", "13-18", "13-19", "17+", "16+"), AgeBand.AGE_13_16),
}

GENDERS: dict[str, Gender] = {
    **dict.fromkeys(("girl", "flicka", "tjej"), Gender.GIRL),
    **dict.fromkeys(("boy", "pojke", "kille"), Gender.BOY),
    **dict.fromkeys(("other", "annat", "annan", "icke-binär", "non-binary"), Gender.OTHER),
    **dict.fromkeys(
        ("", "unknown", "okänt", "okänd", "vet ej", "ej angivet", "not known", "uppgift saknas"),
        Gender.UNKNOWN,
    ),
}

REFERRERS: dict[str, Referrer] = {
    **dict.fromkeys(("förskola", "förskolan", "preschool", "pre-school"), Referrer.PRESCHOOL),
    **dict.fromkeys(
        (
            "skola",
            "skolan",
            "school",
            "grundskola",
            "grundskolan",
            "förskoleklass",
            "gymnasium",
            "gymnasieskola",
            "gymnasiet",
        ),
        Referrer.SCHOOL,
    ),
    **dict.fromkeys(
        (
            "bvc",
            "barnavårdscentral",
            "barnavårdscentralen",
            "child health centre",
            "child health center",
        ),
        Referrer.BVC,
    ),
    **dict.fromkeys(
        (
            "mvc",
            "barnmorskemottagning",
            "barnmorskemottagningen",
            "mödravårdscentral",
            "mödravårdscentralen",
            "maternity care",
            "maternity clinic",
            "midwife",
        ),
        Referrer.MVC,
    ),
    **dict.fromkeys(
        (
            "socialtjänst",
            "socialtjänsten",
            "soc",
            "ifo",
            "individ- och familjeomsorg",
            "individ- och familjeomsorgen",
            "social services",
            "socialförvaltningen",
        ),
        Referrer.SOCIAL_SERVICES,
    ),
    **dict.fromkeys(
        (
            "elevhälsa",
            "elevhälsan",
            "elevhälsoteam",
            "elevhälsoteamet",
            "pupil health",
            "school health",
            "skolsköterska",
        ),
        Referrer.PUPIL_HEALTH,
    ),
    **dict.fromkeys(
        ("familjehälsa", "familjehälsan", "family health", "familjecentral", "familjecentralen"),
        Referrer.FAMILY_HEALTH,
    ),
    **dict.fromkeys(
        (
            "vårdcentral",
            "vårdcentralen",
            "hälsocentral",
            "hälsocentralen",
            "primärvård",
            "primärvården",
            "primary care",
            "health centre",
            "health center",
        ),
        Referrer.PRIMARY_CARE,
    ),
    **dict.fromkeys(
        (
            "familj",
            "familjen",
            "familjen själv",
            "vårdnadshavare",
            "förälder",
            "föräldrar",
            "family",
            "guardian",
            "guardians",
            "parent",
            "parents",
        ),
        Referrer.FAMILY,
    ),
    **dict.fromkeys(("", "annan", "annat", "övrig", "övrigt", "övriga", "other"), Referrer.OTHER),
}
