"""Commands that start the app and write demo data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

from plans.cli.app import app, state
from plans.demo import write_demo

ENTRY = Path(__file__).resolve().parents[2] / "streamlit_app.py"


@app.command()
def run(
    port: int = typer.Option(8501, "--port", min=1, max=65535),
    address: str = typer.Option("localhost", "--address"),
) -> None:
    """Start the app (Streamlit) on the given port."""
    env = dict(os.environ)
    if state.data_dir is not None:
        env["HJULET_DATA_DIR"] = str(state.data_dir)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ENTRY),
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    raise typer.Exit(subprocess.call(command, env=env))


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
    with typer.progressbar(length=cases, label="demo cases", file=sys.stderr) as bar:
        ids = write_demo(store, cases, seed, progress=lambda _done, _total: bar.update(1))
    typer.echo(f"wrote {len(ids)} demo cases to {getattr(store, 'root', '')}")
