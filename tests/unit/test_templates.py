"""Wheel templates are data: shipped ones load, a region drops in its own, and a
broken file is reported without stopping the others."""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

import pytest

from assessment.registry import ENTRY_POINT_GROUP, UnknownTemplateError, load_registry
from plans.settings import get_settings
from plans.templates import registry

SHIPPED = Path(__file__).resolve().parents[2] / "assessment" / "templates"


def test_shipped_templates_load_through_the_entry_point() -> None:
    reg = load_registry()
    assert reg.problems == []
    assert {"girfec-sv", "girfec-en", "hlt-sv"} <= set(reg.ids())
    sv = reg.get("girfec-sv")
    assert len(sv.areas) == 8 and sv.language == "sv"
    assert [a.title for a in reg.get("hlt-sv").areas] == ["Hälsa", "Lärande", "Trygghet"]
    assert reg.get("girfec-en").area_ids() == sv.area_ids()


def test_every_area_has_questions_for_three_voices_and_the_scale_has_descriptors() -> None:
    for template in load_registry().templates.values():
        for area in template.areas:
            assert area.description and area.colour.startswith("#")
            assert area.questions.child and area.questions.guardian
            assert area.questions.professional
        assert all(level.descriptor for level in template.scale.levels)
        assert template.risk_factors and template.protective_factors


def test_region_template_from_a_folder(tmp_path: Path) -> None:
    text = (SHIPPED / "hlt-sv.toml").read_text(encoding="utf-8")
    (tmp_path / "region.toml").write_text(
        text.replace('id = "hlt-sv"', 'id = "region-x"', 1), encoding="utf-8"
    )
    reg = load_registry([tmp_path])
    assert "region-x" in reg.ids()
    assert reg.problems == []


def test_env_var_names_template_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(SHIPPED / "hlt-sv.toml", tmp_path / "hlt-copy.toml")
    text = (tmp_path / "hlt-copy.toml").read_text(encoding="utf-8")
    (tmp_path / "hlt-copy.toml").write_text(text.replace('version = "1.0"', 'version = "2.0"'))
    monkeypatch.setenv("HJULET_TEMPLATE_DIRS", str(tmp_path))
    get_settings.cache_clear()
    registry.cache_clear()
    try:
        assert registry().latest("hlt-sv").version == "2.0"
        assert registry().get("hlt-sv", "1.0").version == "1.0"  # old assessments still render
    finally:
        registry.cache_clear()


def test_broken_file_names_file_and_field_and_others_still_load(tmp_path: Path) -> None:
    text = (SHIPPED / "girfec-sv.toml").read_text(encoding="utf-8")
    broken = text.replace('id = "girfec-sv"', 'id = "broken"', 1).replace(
        'colour = "#', 'colour = "not-a-colour', 1
    )
    (tmp_path / "broken.toml").write_text(broken, encoding="utf-8")
    (tmp_path / "garbage.toml").write_text("this is = = not toml", encoding="utf-8")
    reg = load_registry([tmp_path])
    messages = [str(p) for p in reg.problems]
    assert any("broken.toml" in m and "areas.0.colour" in m for m in messages)
    assert any("garbage.toml" in m and "cannot be read" in m for m in messages)
    assert "girfec-sv" in reg.ids() and "broken" not in reg.ids()


def test_a_broken_plugin_entry_point_is_a_problem_not_a_crash() -> None:
    good = metadata.EntryPoint("builtin", "assessment.templates", ENTRY_POINT_GROUP)
    bad = metadata.EntryPoint("bad", "no_such_module_anywhere", ENTRY_POINT_GROUP)
    reg = load_registry(entry_points=lambda: [bad, good])
    assert "girfec-sv" in reg.ids()
    assert any("no_such_module_anywhere" in str(p) for p in reg.problems)


def test_unknown_template() -> None:
    with pytest.raises(UnknownTemplateError):
        load_registry().get("nope")
    with pytest.raises(UnknownTemplateError):
        load_registry().get("girfec-sv", "9.9")
