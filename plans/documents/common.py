"""Field types shared by every document: length limits on all free text, and
ids that can never walk out of the data folder."""

from __future__ import annotations

import re
import secrets
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{2,63}$"
_ID = re.compile(ID_PATTERN)

DocumentId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=4000)]
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, max_length=200, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$"
    ),
]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9+()\- ]{0,30}$")]

_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: ids get read aloud


def new_id(prefix: str = "c") -> str:
    return prefix + "-" + "".join(secrets.choice(_ALPHABET) for _ in range(10))


def is_valid_id(value: str) -> bool:
    return bool(_ID.match(value))


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Contact(Model):
    """A person the family or partners can reach."""

    name: Name
    role: Short = ""
    organisation: Short = ""
    phone: Phone = ""
    email: Email = ""
