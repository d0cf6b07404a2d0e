"""A readable summary of a store, for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .store import Store, read


def print_summary(store: Store, console: Console) -> None:
    counts = read.counts(store.conn)
    console.print(f"[bold]{store.path}[/bold]: {counts['articles']} articles, "
                  f"{counts['events']} events, {counts['figures']} figures, {counts['quotes']} quotes, "
                  f"{counts['places']} places, {counts['timexes']} dates, "
                  f"{counts['entities']} entity mentions")
    table = Table(title="Articles", show_lines=False)
    # One line per article however narrow the output: long text is cut, not wrapped.
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("outlet", no_wrap=True, overflow="ellipsis", max_width=16)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=36)
    for col in ("events", "figures", "quotes"):
        table.add_column(col, justify="right", no_wrap=True, min_width=len(col))
    for row in read.article_overview(store.conn):
        table.add_row(row["published"] or "?", row["outlet"] or "?",
                      (row["title"] or row["lead"] or "")[:70], str(row["events"]),
                      str(row["figures"]), str(row["quotes"]))
    console.print(table)
    failures = read.recent_failures(store.conn, 10)
    if failures:
        console.print(f"[yellow]{counts['failures']} inputs failed; latest:[/yellow]")
        for f in failures:
            console.print(f"  {f['source']}: {f['reason']} [{f['code']}]", markup=False)
