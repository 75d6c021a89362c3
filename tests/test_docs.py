"""The documentation site: complete navigation, and pages that cannot drift from the code.

The site itself is built by ``mkdocs build --strict`` in CI (.ci/run); these tests check what a
build does not: every page is in the nav, every CLI option and every profile key is documented, and
the quick start is the README's.
"""

from __future__ import annotations

import re
import runpy
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from govreport.cli import app
from govreport.style.profile import load_profile

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _nav_files(nav: Any) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_files(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_files(value)


def _config() -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    return config


def test_mkdocs_config_basics() -> None:
    config = _config()
    assert config["docs_dir"] == "docs"
    assert config["theme"]["language"] == "zh"


def test_every_page_is_in_the_nav_and_every_nav_entry_exists() -> None:
    nav = set(_nav_files(_config()["nav"]))
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    missing_files = sorted(nav - pages)
    assert not missing_files, f"mkdocs.yml nav names pages that do not exist: {missing_files}"
    not_in_nav = sorted(pages - nav)
    assert not not_in_nav, f"pages missing from the nav of mkdocs.yml (add them): {not_in_nav}"


def test_quickstart_uses_the_readme_commands() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    quickstart = (DOCS / "quickstart.md").read_text("utf-8")
    for command in ("bash scripts/setup.sh", ".venv/bin/python -m pytest"):
        assert command in readme
        assert command in quickstart


# --- 命令行 -------------------------------------------------------------------------------------


def _cli_options() -> Iterator[tuple[str, str]]:
    """(command, option) for every option and command of the CLI, the global ones included.

    Duck-typed: typer ≥ 0.26 ships its own copy of click, older versions use click itself.
    """
    group: Any = typer.main.get_command(app)
    for param in group.params:
        for opt in (*param.opts, *param.secondary_opts):
            if opt.startswith("-"):
                yield "(global)", opt
    for name, command in group.commands.items():
        yield name, name
        for param in command.params:
            for opt in (*param.opts, *param.secondary_opts):
                if opt.startswith("-"):
                    yield name, opt


def test_every_cli_command_and_option_is_documented() -> None:
    page = (DOCS / "cli.md").read_text("utf-8")
    sections: dict[str, str] = {}
    for match in re.finditer(r"^## (\S+)(?: \{#global-options\})?\s*$", page, flags=re.M):
        start = match.end()
        nxt = re.search(r"^## ", page[start:], flags=re.M)
        name = "(global)" if match.group(1) == "全局选项" else match.group(1)
        sections[name] = page[start : start + nxt.start()] if nxt else page[start:]
    undocumented = []
    for command, opt in _cli_options():
        if command == opt:
            if command not in sections:
                undocumented.append(f"command {command} (no '## {command}' section)")
            continue
        text = sections.get(command, "")
        if f"`{opt}`" not in text:
            undocumented.append(f"{command} {opt}")
    assert not undocumented, f"docs/cli.md does not document: {undocumented}"


# --- 版式说明 -----------------------------------------------------------------------------------


def _hooks() -> dict[str, Any]:
    return runpy.run_path(str(ROOT / "scripts" / "mkdocs_hooks.py"))


def test_layout_page_lists_every_profile_key_and_font_role() -> None:
    hooks = _hooks()
    page = (DOCS / "layout.md").read_text("utf-8")
    assert hooks["PROFILE_MARKER"] in page
    assert hooks["FONT_MARKER"] in page
    built = hooks["on_page_markdown"](page)
    profile = load_profile("gbt9704")
    for key, q in profile.items():
        row = next((ln for ln in built.splitlines() if ln.startswith(f"| `{key}` |")), None)
        assert row is not None, f"profile key {key} missing from the 版式说明 page"
        assert q.clause in row
        assert q.strength in row
    for role in profile.font_roles:
        assert f"| `fonts.{role}` |" in built


def test_layout_page_local_variant_example_loads(tmp_path: Path) -> None:
    page = (DOCS / "layout.md").read_text("utf-8")
    block = re.search(r'```toml title="my-province.toml"\n(.*?)```', page, flags=re.S)
    assert block is not None
    path = tmp_path / "my-province.toml"
    path.write_text(block.group(1), "utf-8")
    profile = load_profile(str(path))
    assert profile.name == "my-province"
    assert profile.pt("table.font_size") == 10.5
    assert profile.quantity("table.font_size").clause == load_profile("gbt9704").quantity("table.font_size").clause
    assert profile.pt("body.font_size") == 16


# --- 校验规则 -----------------------------------------------------------------------------------


def test_checks_page_lists_every_check_code() -> None:
    import govreport.checks as checks

    registry = getattr(checks, "CHECKS", None)
    if registry is None:
        pytest.skip("govreport.checks exposes no CHECKS registry yet")
    page = DOCS / "checks.md"
    assert page.is_file(), "docs/checks.md (校验规则) is missing"
    text = page.read_text("utf-8")
    missing = [code for code in registry if code not in text]
    assert not missing, f"docs/checks.md does not document: {missing}"


# --- 图片 ---------------------------------------------------------------------------------------


def test_sample_page_images_are_committed_pngs() -> None:
    for n in (1, 2):
        data = (DOCS / "img" / f"sample-{n}.png").read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    script = DOCS / "make_images.sh"
    assert script.is_file()
    assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0
