"""The ``dateline`` command: argument parsing and printing over library calls, nothing else."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from . import report as report_mod
from .errors import DatelineError
from .ingest import IngestReport, ingest as ingest_paths, iter_extracted
from .inputs import count_inputs
from .pipeline import STAGE_NAMES, Options, Resources
from .store import open_store

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn news articles about a conflict into a sourced record of what happened.")
# soft_wrap: an error or summary is one line however narrow the terminal
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

DB_OPTION = typer.Option("dateline.db", "--db", help="SQLite store file.")
PUBLISHED_OPTION = typer.Option(None, "--published",
                                help="YYYY-MM-DD publication date for inputs that carry none.")


def _check_date(value: Optional[str]) -> Optional[str]:
    import datetime

    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from None


def _check_stages(value: Optional[str]) -> tuple[str, ...]:
    if not value:
        return STAGE_NAMES
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    unknown = [n for n in names if n not in STAGE_NAMES]
    if unknown:
        raise typer.BadParameter(f"unknown stage(s) {', '.join(unknown)}; choose from "
                                 + ", ".join(STAGE_NAMES))
    return names


def _progress(total: int | None):
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), TimeRemainingColumn(), console=err, transient=True,
                    disable=not err.is_terminal)


@app.command()
def extract(paths: List[Path] = typer.Argument(..., help="Files or folders: .txt, .html, .jsonl(.gz)."),
            published: Optional[str] = PUBLISHED_OPTION,
            output: Optional[Path] = typer.Option(None, "--out", "-o", help="Write here, not stdout."),
            stages: Optional[str] = typer.Option(
                None, "--stages", help="Comma-separated stages to run (default: all): "
                + ",".join(STAGE_NAMES))):
    """Extract each article and write one SPEC record per line (JSON Lines)."""
    options = Options(default_published=_check_date(published), stages=_check_stages(stages))
    stream = open(output, "w", encoding="utf-8") if output else sys.stdout
    failed = 0
    try:
        for item in iter_extracted([str(p) for p in paths], Resources(), options):
            if isinstance(item, DatelineError):
                failed += 1
                err.print(f"error: {item}", markup=False)
            else:
                stream.write(json.dumps(item.to_record(), ensure_ascii=False) + "\n")
    finally:
        if output:
            stream.close()
    raise typer.Exit(1 if failed else 0)


@app.command()
def ingest(paths: List[Path] = typer.Argument(..., help="Files or folders: .txt, .html, .jsonl(.gz)."),
           db: Path = DB_OPTION, published: Optional[str] = PUBLISHED_OPTION,
           dask: bool = typer.Option(False, "--dask", help="Extract on Dask workers (a local "
                                     "cluster sized to this machine unless --scheduler)."),
           scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                                   help="Join this Dask scheduler, tcp://HOST:PORT."),
           workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                                 help="Local Dask workers (default: one per core).")):
    """Extract and store articles; already stored articles are skipped."""
    options = Options(default_published=_check_date(published))
    total = count_inputs([str(p) for p in paths])
    with open_store(db) as store, _progress(total) as progress:
        task = progress.add_task("ingesting", total=total)

        def tick(item):
            if isinstance(item, DatelineError):
                progress.console.print(f"error: {item}", markup=False)
            progress.advance(task)

        if dask or scheduler:
            from .scale import ingest_dask

            report: IngestReport = ingest_dask([str(p) for p in paths], store, options,
                                               scheduler=scheduler, workers=workers, on_item=tick)
        else:
            report = ingest_paths([str(p) for p in paths], store, Resources(), options,
                                  on_item=tick)
    out.print(f"{report.summary()} -> {db}", markup=False)
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def summary(db: Path = DB_OPTION):
    """Print what the store holds: articles, and the events, figures and quotes found in them."""
    if not db.exists():
        raise typer.BadParameter(f"{db}: no such store", param_hint="--db")
    with open_store(db, readonly=True) as store:
        report_mod.print_summary(store, out)


MAX_DATES_OPTION = typer.Option(12, "--max-dates", min=1, help="How many dates the timeline keeps.")


@app.command()
def timeline(db: Path = DB_OPTION, as_json: bool = typer.Option(False, "--json", help="SPEC timeline JSON."),
             max_dates: int = MAX_DATES_OPTION):
    """Print the story's most important dates, each with a summary and its sources."""
    from .export import story_of, timeline_text

    try:
        story = story_of(db, max_dates)
    except DatelineError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1)
    if as_json:
        sys.stdout.write(json.dumps(story.timeline_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(timeline_text(story))


@app.command()
def export(fmt: str = typer.Option(..., "--format", "-f",
                                   help="acled-csv | geojson | timelinejs | jsonl | markdown | html"),
           db: Path = DB_OPTION,
           output: Optional[Path] = typer.Option(None, "--out", "-o", help="Write here, not stdout."),
           max_dates: int = MAX_DATES_OPTION):
    """Write the story (events, timeline, figures, conflicts) in another tool's format."""
    from .export import FORMATS, export_store

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}",
                                 param_hint="--format")
    stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        export_store(db, fmt, stream, max_dates)
    except DatelineError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1)
    finally:
        if output:
            stream.close()
    if output:
        err.print(f"{fmt} -> {output}", markup=False)


@app.command()
def serve(db: Path = DB_OPTION,
          port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
          host: str = typer.Option("127.0.0.1", "--host",
                                   help="Address to bind; the default serves this machine only.")):
    """Serve the story as web pages and a JSON API (with an OpenAPI document at /openapi.json)."""
    import uvicorn

    from .web import create_app

    out.print(f"dateline: serving {db} at http://{host}:{port}/ (Ctrl+C to stop)", markup=False)
    uvicorn.run(create_app(db, host=host), host=host, port=port, log_level="warning")


def main():  # console-script entry point
    app()
