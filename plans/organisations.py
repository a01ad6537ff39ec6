"""Organisations by id: a readable, stable id made once from a name ("Socialtjänsten
Norra" -> "socialtjansten-norra"), so consent, partners and actions match by id and
never by how a name happens to be typed."""

from __future__ import annotations

import re
import unicodedata

COMMON_ORGANISATIONS = (
    "preschool",
    "school",
    "bvc",
    "mvc",
    "social_services",
    "pupil_health",
    "family_health",
    "primary_care",
)
"""The organisations families meet most; their names live in the catalogues
(``organisation.<id>``). The consent step and the plan offer the same list."""


def organisation_id(name: str) -> str:
    """The id for an organisation's name; "" when the name has no letters or digits."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]
