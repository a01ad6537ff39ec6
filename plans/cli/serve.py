"""Commands that start the app and write demo data."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import typer

from plans.cli.app import app, state
from plans.demo import is_demo, mark_demo, write_demo, write_demo_users

LOOPBACK = {"localhost", "127.0.0.1", "::1"}

# What .streamlit/config.toml says in a checkout, given as flags so that an installed
# wheel started from any folder looks and behaves the same.
STREAMLIT_OPTIONS = {
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
    "client.toolbarMode": "minimal",
    "client.showErrorDetails": "none",
    "theme.primaryColor": "#00695C",
    "theme.base": "light",
}


def entry_script() -> Path:
    """The script Streamlit runs, found inside the installed ``app`` package (located,
    not imported: nothing under plans/ imports the app)."""
    spec = importlib.util.find_spec("app")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the app package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "entry" / "main.py"


@app.command()
def run(
    port: int = typer.Option(8501, "--port", min=1, max=65535),
    address: str = typer.Option("localhost", "--address"),
) -> None:
    """Start the app (Streamlit) on the given port."""
    _demo_accounts(address)
    env = dict(os.environ)
    if state.data_dir is not None:
        env["HJULET_DATA_DIR"] = str(state.data_dir)
    command = [sys.executable, "-m", "streamlit", "run", str(entry_script())]
    command += ["--server.port", str(port), "--server.address", address]
    for name, value in STREAMLIT_OPTIONS.items():
        command += [f"--{name}", value]
    raise typer.Exit(subprocess.call(command, env=env))


@app.command()
def demo(
    cases: int = typer.Option(5, "--cases", min=1, help="How many cases (5 stories + random)."),
    seed: int = typer.Option(1, "--seed"),
    if_empty: bool = typer.Option(False, "--if-empty", help="Do nothing if cases exist."),
) -> None:
    """Write fictional demo cases."""
    store = state.store()
    if if_empty and store.list_cases():
        typer.echo("the store already has cases; no demo cases written")
        return
    if not store.list_cases():
        mark_demo(store)
    with typer.progressbar(length=cases, label="demo cases", file=sys.stderr) as bar:
        ids = write_demo(store, cases, seed, progress=lambda _done, _total: bar.update(1))
    typer.echo(f"wrote {len(ids)} demo cases to {getattr(store, 'root', '')}")


def _demo_accounts(address: str) -> None:
    """Demo accounts for a store of demo data, served to this machine only: printed once, and
    kept owner-only in DATA/demo-accounts.txt so a restart can find them again."""
    store = state.store()
    if not is_demo(store) or address not in LOOPBACK:
        return
    root = Path(getattr(store, "root", "."))
    note = root / "demo-accounts.txt"
    created = write_demo_users(store, dt.date.today())
    if created:
        fd = os.open(note, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("Fictional demo accounts (username  password):\n")
            out.writelines(f"{user}  {password}\n" for user, password in created)
    if note.exists():
        typer.echo(note.read_text(encoding="utf-8"), err=True)
        typer.echo(f"(kept in {note})", err=True)
