"""Scale-out on Dask: the same per-article extraction, mapped over workers, one writer.

The client reads the inputs lazily, drops what the store already holds, and sends batches
of plain input dicts to the workers. Each worker loads ``Resources`` once (a worker
plugin), runs ``extract_many`` (the very function the serial path calls) and sends back
plain records. Results are written by this process only, one transaction per article, as
they arrive, so a crash loses nothing already written and a re-run resumes.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator

import dask
from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from .article import Article
from .errors import DatelineError, InputError
from .ingest import IngestReport
from .inputs import read_inputs
from .pipeline import Options, Resources, extract_many
from .store import Store

INPUT_FIELDS = ("id", "source", "raw", "html", "title", "outlet", "url", "published")
PLUGIN_NAME = "dateline-resources"


class ResourcesPlugin(WorkerPlugin):
    """Loads dateline's models once per worker process, at worker start."""

    name = PLUGIN_NAME

    def setup(self, worker):
        resources = Resources()
        resources.nlp  # noqa: B018 - load now, not inside the first task
        worker.dateline_resources = resources


def _worker_resources() -> Resources:
    worker = get_worker()
    resources = getattr(worker, "dateline_resources", None)
    if resources is None:  # a worker that joined after the plugin was registered
        resources = worker.dateline_resources = Resources()
    return resources


def extract_batch(inputs: list[dict], options: Options) -> list[tuple]:
    """Worker side: extract a batch of input dicts; returns ('ok', record, url) or
    ('error', source, code, reason) per input, in order of completion."""
    articles = (Article(**d) for d in inputs)
    out = []
    for item in extract_many(articles, _worker_resources(), options):
        if isinstance(item, DatelineError):
            out.append(("error", item.source, item.code, item.reason))
        else:
            out.append(("ok", item.to_record(), item.url))
    return out


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_dask(paths: Iterable[str], store: Store, options: Options = Options(),
                scheduler: str | None = None, workers: int | None = None, batch_size: int = 16,
                on_item: Callable[[object], None] | None = None) -> IngestReport:
    """Like ``ingest.ingest``, with extraction on a Dask cluster.

    ``scheduler`` joins an existing cluster (``tcp://host:port``); without it a
    ``LocalCluster`` with one single-threaded worker process per core is started (spaCy
    holds the GIL, so processes, not threads, are what scale).
    """
    report = IngestReport()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        n = workers or os.cpu_count() or 1
        # The workers' sampling profiler keeps 1,000 one-second call trees (~100 MB a worker,
        # growing for the first quarter hour): nobody reads them here. The nannies pass this
        # setting on to the worker processes they start.
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=None, host="127.0.0.1")
        client = Client(cluster)
    try:
        client.register_plugin(ResourcesPlugin(), name=PLUGIN_NAME)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        in_flight_limit = 2 * n_workers  # enough to keep workers busy, little held in memory

        def inputs():
            for item in read_inputs(paths):
                report.read += 1
                if isinstance(item, InputError):
                    _fail(item)
                elif item.id and store.has(item.id):
                    report.duplicates += 1
                else:
                    yield {k: getattr(item, k) for k in INPUT_FIELDS}

        def _fail(err: DatelineError):
            report.failed.append(err)
            store.add_failure(err.source, err.code, err.reason)
            if on_item is not None:
                on_item(err)

        def _collect(results):
            for result in results:
                if result[0] == "error":
                    _, source, code, reason = result
                    _fail(DatelineError(source, reason, code))
                    continue
                _, record, url = result
                if store.add(record, url=url):
                    report.stored += 1
                else:
                    report.duplicates += 1
                if on_item is not None:
                    on_item(record)

        pending = as_completed()
        in_flight = 0
        for batch in _batches(inputs(), batch_size):
            pending.add(client.submit(extract_batch, batch, options, pure=False))
            in_flight += 1
            while in_flight >= in_flight_limit:
                future = next(pending)
                _collect(future.result())
                future.release()
                in_flight -= 1
        for future in pending:
            _collect(future.result())
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return report
