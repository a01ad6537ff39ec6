"""Finds wheel templates: installed packages (entry-point group ``hjulet.templates``,
which is also how the shipped templates arrive) and folders named in the config.

A broken file never stops the others from loading; it becomes one
:class:`TemplateProblem` that names the file and the field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType

from pydantic import ValidationError

from assessment.template import WheelTemplate

ENTRY_POINT_GROUP = "hjulet.templates"


@dataclass(frozen=True)
class TemplateProblem:
    """One reason a template file could not be used."""

    source: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f" (field '{self.field}')" if self.field else ""
        return f"{self.source}{where}: {self.message}"


class UnknownTemplateError(KeyError):
    def __init__(self, template_id: str, version: str | None = None) -> None:
        self.template_id = template_id
        self.version = version
        label = template_id if version is None else f"{template_id} version {version}"
        super().__init__(f"no wheel template named {label}")


@dataclass
class TemplateRegistry:
    """All templates that loaded, keyed by (id, version), and the problems seen."""

    templates: dict[tuple[str, str], WheelTemplate] = field(default_factory=dict)
    problems: list[TemplateProblem] = field(default_factory=list)

    def add_file(self, path: Path) -> None:
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            self.problems.append(TemplateProblem(str(path), "", f"cannot be read: {exc}"))
            return
        try:
            template = WheelTemplate.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(part) for part in err["loc"])
                self.problems.append(TemplateProblem(str(path), where, err["msg"]))
            return
        if template.key in self.templates:
            self.problems.append(
                TemplateProblem(
                    str(path), "id", f"{template.id} {template.version} is already loaded"
                )
            )
            return
        self.templates[template.key] = template

    def add_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            self.problems.append(TemplateProblem(str(folder), "", "is not a folder"))
            return
        for path in sorted(folder.glob("*.toml")):
            self.add_file(path)

    def ids(self) -> list[str]:
        return sorted({key[0] for key in self.templates})

    def latest(self, template_id: str) -> WheelTemplate:
        versions = [t for (tid, _), t in self.templates.items() if tid == template_id]
        if not versions:
            raise UnknownTemplateError(template_id)
        return max(versions, key=lambda t: tuple(int(p) for p in t.version.split(".")))

    def get(self, template_id: str, version: str | None = None) -> WheelTemplate:
        """The exact version an assessment was made with, or the latest."""
        if version is None:
            return self.latest(template_id)
        try:
            return self.templates[(template_id, version)]
        except KeyError:
            raise UnknownTemplateError(template_id, version) from None

    def for_language(self, language: str) -> list[WheelTemplate]:
        chosen = [self.latest(tid) for tid in self.ids()]
        return [t for t in chosen if t.language == language] or chosen


def _folders_from_entry_point(loaded: object) -> Iterable[Path]:
    """An entry point names a package holding *.toml files, or a callable returning paths."""
    if isinstance(loaded, ModuleType):
        for location in getattr(loaded, "__path__", []) or []:
            yield Path(location)
        if getattr(loaded, "__file__", None) and not hasattr(loaded, "__path__"):
            yield Path(str(loaded.__file__)).parent
    elif callable(loaded):
        yield from (Path(p) for p in loaded())


def load_registry(
    folders: Sequence[Path] = (),
    *,
    entry_points: Callable[[], Iterable[metadata.EntryPoint]] | None = None,
) -> TemplateRegistry:
    registry = TemplateRegistry()
    eps = (
        entry_points()
        if entry_points is not None
        else metadata.entry_points(group=ENTRY_POINT_GROUP)
    )
    for ep in eps:
        try:
            loaded = ep.load()
            sources = list(_folders_from_entry_point(loaded))
        except Exception as exc:  # a broken plugin must not stop the others
            registry.problems.append(
                TemplateProblem(f"entry point {ep.name} ({ep.value})", "", str(exc))
            )
            continue
        for source in sources:
            if source.is_file():
                registry.add_file(source)
            else:
                registry.add_folder(source)
    for folder in folders:
        registry.add_folder(Path(folder))
    return registry
