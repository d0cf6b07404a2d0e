"""Extract a stream of inputs and store them: the library call behind ``dateline ingest``.

Articles whose id is already stored are skipped before extraction, so a re-run of an
interrupted ingest only does the rest. Each article is written in its own transaction,
so a crash loses at most the article being written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .article import Article
from .errors import DatelineError
from .inputs import read_inputs
from .pipeline import Options, Resources, extract_many
from .store import Store


@dataclass
class IngestReport:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: list[DatelineError] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.read} read, {self.stored} stored, {self.duplicates} skipped as "
                f"duplicates, {len(self.failed)} failed")


def iter_extracted(paths: Iterable[str], resources: Resources, options: Options = Options(),
                   skip: Callable[[str], bool] | None = None,
                   report: IngestReport | None = None) -> Iterator[Article | DatelineError]:
    """Read and extract ``paths``; yields each extracted Article or the error for its input.

    ``skip(id)`` drops inputs whose given id is already handled (counted as duplicates).
    """
    report = report if report is not None else IngestReport()

    def articles():
        for item in read_inputs(paths):
            report.read += 1
            if isinstance(item, DatelineError):
                yield item
            elif skip is not None and item.id and skip(item.id):
                report.duplicates += 1
            else:
                yield item

    pending: list = []

    def only_articles():
        for item in articles():
            if isinstance(item, DatelineError):
                pending.append(item)
            else:
                yield item

    for result in extract_many(only_articles(), resources, options):
        while pending:
            yield pending.pop(0)
        yield result
    while pending:
        yield pending.pop(0)


def ingest(paths: Iterable[str], store: Store, resources: Resources | None = None,
           options: Options = Options(),
           on_item: Callable[[Article | DatelineError], None] | None = None) -> IngestReport:
    """Extract every input under ``paths`` into ``store``; returns the tally."""
    resources = resources or Resources()
    report = IngestReport()
    for item in iter_extracted(paths, resources, options, skip=store.has, report=report):
        if isinstance(item, DatelineError):
            report.failed.append(item)
            store.add_failure(item.source, item.code, item.reason)
        elif store.add(item.to_record(), url=item.url):
            report.stored += 1
        else:
            report.duplicates += 1
        if on_item is not None:
            on_item(item)
    return report
