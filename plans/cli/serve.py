"""Commands that start the app and write demo data."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import typer

from plans import clock
from plans.cli.app import app, state
from plans.demo import is_demo, mark_demo, write_demo, write_demo_users
from plans.services.surveys import move_anonymous_surveys
from plans.store import Store
from plans.store.safeio import write_private_output


def entry_script() -> Path:
    """The script Streamlit runs, found inside the installed ``app`` package (located,
    not imported: nothing under plans/ imports the app), so an installed wheel runs too."""
    spec = importlib.util.find_spec("app")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the app package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "entry" / "main.py"


LOCAL_ADDRESSES = frozenset({"localhost", "127.0.0.1", "::1"})


def server_command(
    port: int, address: str, *, dev: bool = False, entry: Path | None = None
) -> list[str]:
    """The Streamlit command ``hjulet run`` starts: safe settings given explicitly, so they
    hold even without .streamlit/config.toml (docs/security.md names each one's test)."""
    return [
        sys.executable,
        "-m",
        "app.server",  # Streamlit with exception messages kept out of the server log
        "run",
        str(entry or entry_script()),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--server.enableXsrfProtection",
        "true",
        "--server.fileWatcherType",
        "auto" if dev else "none",
        "--server.runOnSave",
        "true" if dev else "false",
        "--client.showErrorDetails",
        "full" if dev else "none",
        "--client.toolbarMode",
        "developer" if dev else "minimal",
        # Rich prints tracebacks itself, past the logging module and so past the
        # scrubber (message included): plain logging only.
        "--logger.enableRich",
        "false",
        "--browser.gatherUsageStats",
        "false",
        # .streamlit/config.toml's theme, for an installed service started from any folder.
        "--theme.primaryColor",
        "#00695C",
        "--theme.base",
        "light",
    ]


@app.command()
def run(
    port: int = typer.Option(8501, "--port", min=1, max=65535),
    address: str = typer.Option(
        "localhost", "--address", help="Listen here (default: this machine only)."
    ),
    dev: bool = typer.Option(
        False, "--dev", help="For developing Hjulet: reload on file changes, show errors in full."
    ),
) -> None:
    """Start the app (Streamlit) on the given port."""
    _demo_accounts(address)
    env = dict(os.environ)
    if state.data_dir is not None:
        env["HJULET_DATA_DIR"] = str(state.data_dir)
    if address not in LOCAL_ADDRESSES:
        typer.echo(
            f"hjulet: listening on {address}: reachable from other machines; "
            "serve it behind HTTPS (docs/security.md)",
            err=True,
        )
    moved, _ = move_anonymous_surveys(state.context())
    if moved:
        typer.echo(f"moved {moved} anonymous survey(s) out of their cases", err=True)
    raise typer.Exit(subprocess.call(server_command(port, address, dev=dev), env=env))


@app.command()
def demo(
    cases: int = typer.Option(5, "--cases", min=1, help="How many cases (5 stories + random)."),
    seed: int = typer.Option(1, "--seed"),
    if_empty: bool = typer.Option(False, "--if-empty", help="Do nothing if cases exist."),
) -> None:
    """Write fictional demo cases."""
    store = state.store()
    if if_empty and store.has_cases():  # case folders count, not only what the index lists
        typer.echo("the store already has cases; no demo cases written")
        return
    if not store.list_cases():
        mark_demo(store)
    with typer.progressbar(length=cases, label="demo cases", file=sys.stderr) as bar:
        ids = write_demo(store, cases, seed, progress=lambda _done, _total: bar.update(1))
    typer.echo(f"wrote {len(ids)} demo cases to {getattr(store, 'root', '')}")


def demo_accounts(store: Store, address: str) -> Path | None:
    """Demo accounts for a store of demo data, served to this machine only: made once, and
    kept owner-only in DATA/demo-accounts.txt so a restart can show them again. Returns
    that file, or None when no demo accounts belong here."""
    if not is_demo(store) or address not in LOCAL_ADDRESSES:
        return None
    root = Path(str(getattr(store, "accounts_dir", None) or getattr(store, "root", ".")))
    note = root / "demo-accounts.txt"
    created = write_demo_users(store, clock.today())
    if created:
        lines = ["Fictional demo accounts (username  password):"]
        lines += [f"{user}  {password}" for user, password in created]
        write_private_output(note, ("\n".join(lines) + "\n").encode("utf-8"))
    return note if note.exists() else None


def _demo_accounts(address: str) -> None:
    note = demo_accounts(state.store(), address)
    if note is not None:
        typer.echo(note.read_text(encoding="utf-8"), err=True)
        typer.echo(f"(kept in {note})", err=True)
