"""Field types shared by every document: length limits on all free text, and
ids that can never walk out of the data folder."""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterator
from typing import Annotated, Any

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


# Characters that make a text display differently from what was typed: controls (NUL,
# escape codes), bidi overrides and isolates (U+202A–E, U+2066–9), zero-width spaces,
# soft hyphens, line separators. Tabs and line breaks are ordinary text. The zero-width
# joiners (U+200C/U+200D) are allowed between two non-ASCII characters, where scripts
# such as Persian and emoji sequences need them, and refused elsewhere.
_ORDINARY_CONTROLS = {"\t", "\n", "\r"}
_JOINERS = {"\u200c", "\u200d"}
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}


def hidden_characters(text: str) -> list[str]:
    """The code points (``U+202E``) in ``text`` that display as nothing or as something
    else; empty for ordinary text."""
    found: list[str] = []
    for i, char in enumerate(text):
        if char in _ORDINARY_CONTROLS or unicodedata.category(char) not in _HIDDEN_CATEGORIES:
            continue
        if char in _JOINERS and 0 < i < len(text) - 1:
            before, after = text[i - 1], text[i + 1]
            if not before.isascii() and not after.isascii() and after not in _JOINERS:
                continue
        code = f"U+{ord(char):04X}"
        if code not in found:
            found.append(code)
    return found


def texts_in(data: Any, path: str = "$.body") -> Iterator[tuple[str, str]]:
    """Every string in a JSON-like value with its JSON path, without recursion."""
    stack: list[tuple[str, Any]] = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, dict):
            stack.extend((f"{where}.{k}", v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", v) for i, v in reversed(list(enumerate(value))))
