"""Ingest from the page: uploads checked and saved to a private temporary folder, then one
worker thread (the store's one writer) runs ``dateline.ingest.ingest`` over them.

Progress and per-file errors are kept on the job, which the page polls. Upload names are
only ever shown, never used as paths: each file is saved under a generated name.
"""

from __future__ import annotations

import json
import queue
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DatelineError
from ..ingest import ingest
from ..inputs import count_inputs
from ..pipeline import Options, Resources
from ..store import open_store

# What the upload form takes, by name ending; the content is checked too (see sniff()).
UPLOAD_KINDS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html",
                ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl.gz"}
# Magic numbers of things people upload by mistake (PDF, images, archives, executables).
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF",
                 b"MZ", b"\xd0\xcf\x11\xe0", b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")


def upload_kind(filename: str) -> str | None:
    """The input kind a file name stands for, or None if uploads of it are refused."""
    name = (filename or "").lower()
    for ending in sorted(UPLOAD_KINDS, key=len, reverse=True):
        if name.endswith(ending):
            return UPLOAD_KINDS[ending]
    return None


def sniff(kind: str, head: bytes) -> str | None:
    """Why the first bytes of an upload do not fit its kind, or None when they do."""
    if not head.strip():
        return "the file is empty"
    if kind == "jsonl.gz":
        return None if head.startswith(b"\x1f\x8b") else "not gzip data"
    if any(head.startswith(m) for m in _BINARY_MAGIC) or b"\x00" in head[:8192]:
        return "binary data, not text"
    return None


@dataclass
class Job:
    id: str
    files: list[str]
    state: str = "queued"  # queued | running | done | failed
    total: int = 0
    done: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: list[dict] = field(default_factory=list)
    message: str = ""
    created: float = field(default_factory=time.time)
    finished: float | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "state": self.state, "files": self.files, "total": self.total,
                "done": self.done, "stored": self.stored, "duplicates": self.duplicates,
                "failed": len(self.errors), "errors": self.errors, "message": self.message,
                "finished": self.state in ("done", "failed")}


STORY_PAUSE_MIN = 5.0  # seconds between story rebuilds asked for by readers...
STORY_PAUSE_FACTOR = 4  # ...or four times the last rebuild's duration, if longer


class IngestJobs:
    """A queue of ingest jobs run one at a time by a worker thread that owns the writes."""

    def __init__(self, db_path: str, resources: Resources | None = None, keep: int = 50,
                 build_story: bool = True):
        self.db_path = db_path
        self.build_story = build_story
        self.story_message = ""
        self.story_builds = 0  # rebuilds done by this server
        self._story_pending = False
        self._story_done = float("-inf")  # monotonic time the last rebuild ended
        self._story_secs = 0.0  # how long it took
        self._resources = resources
        self._keep = keep
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue = queue.Queue()
        self._worker: threading.Thread | None = None

    def new_folder(self) -> Path:
        """A private temporary folder for one job's files (removed when the job ends)."""
        return Path(tempfile.mkdtemp(prefix="dateline-upload-"))

    def submit(self, folder: Path, names: dict[str, str], errors: list[dict],
               options: Options) -> Job:
        """Queue the files saved in ``folder``; ``names`` maps saved name -> shown name."""
        job = Job(id=uuid.uuid4().hex[:12], files=list(names.values()), errors=list(errors))
        with self._lock:
            self._jobs[job.id] = job
            for old in sorted(self._jobs.values(), key=lambda j: j.created)[:-self._keep]:
                self._jobs.pop(old.id, None)
        self._ensure_worker()
        self._queue.put((job, folder, names, options))
        return job

    def refresh_story(self) -> None:
        """Rebuild the story in the worker (after the jobs already queued); a request
        while one is already waiting, or soon after the last rebuild, is dropped."""
        if not self.build_story:
            return
        with self._lock:
            # While a CLI ingest writes, every request finds the story stale again: without a
            # pause, rebuilds would follow each other for as long as the ingest runs.
            quiet = max(STORY_PAUSE_MIN, STORY_PAUSE_FACTOR * self._story_secs)
            if self._story_pending or time.monotonic() - self._story_done < quiet:
                return
            self._story_pending = True
        self._ensure_worker()
        self._queue.put(None)

    def _ensure_worker(self) -> None:
        with self._lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name="dateline-ingest",
                                                daemon=True)
                self._worker.start()

    def get(self, job_id: str) -> dict | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.to_dict() if job else None

    def recent(self, n: int = 10) -> list[dict]:
        with self._lock:
            jobs = sorted(self._jobs.values(), key=lambda j: -j.created)[:n]
            return [j.to_dict() for j in jobs]

    def wait(self, job_id: str, timeout: float = 120.0) -> dict | None:
        """Block until the job ends (or ``timeout``); for scripts and tests."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.get(job_id)
            if job is None or job["finished"]:
                return job
            time.sleep(0.05)
        return self.get(job_id)

    def _run(self) -> None:
        while True:
            task = self._queue.get()
            if task is None:
                try:
                    with self._lock:
                        self._story_pending = False
                    self._story()
                finally:
                    self._queue.task_done()
                continue
            job, folder, names, options = task
            try:
                self._ingest(job, folder, names, options)
            except Exception as exc:  # the worker must outlive any one bad job
                with self._lock:
                    job.state, job.message = "failed", f"{type(exc).__name__}: {exc}"
            finally:
                shutil.rmtree(folder, ignore_errors=True)
                job.finished = time.time()
                self._queue.task_done()

    def _ingest(self, job: Job, folder: Path, names: dict[str, str], options: Options) -> None:
        paths = [str(folder / saved) for saved in names]
        with self._lock:
            job.state = "running"
            job.total = count_inputs(paths)
        if self._resources is None:
            self._resources = Resources()
        prefix = str(folder) + "/"

        def shown(source: str) -> str:
            # Errors name the saved file; show the uploader's name instead.
            text = str(source)
            if text.startswith(prefix):
                saved, _, rest = text[len(prefix):].partition(" ")
                return names.get(saved, saved) + (" " + rest if rest else "")
            return text

        def tick(item) -> None:
            with self._lock:
                job.done += 1
                if isinstance(item, DatelineError):
                    job.errors.append({"file": shown(item.source), "code": item.code,
                                       "reason": item.reason})

        with open_store(self.db_path) as store:
            report = ingest(paths, _UploadStore(store, shown), self._resources, options,
                            on_item=tick)
        with self._lock:
            job.stored, job.duplicates = report.stored, report.duplicates
            job.done = max(job.done, report.read)
            job.message = report.summary()
        if report.stored and self.build_story:
            self._story()
        with self._lock:
            job.state = "done"

    def _story(self) -> None:
        # The story links every article, so it is rebuilt whole after the store changes;
        # readers keep seeing the old one until the rebuild commits.
        from ..story import build_from_store

        start = time.monotonic()
        try:
            with open_store(self.db_path) as store:
                story = build_from_store(store)
            self.story_message = f"story rebuilt from {len(story.articles)} articles"
        except Exception as exc:  # a story bug must not stop ingesting
            self.story_message = f"story not rebuilt: {type(exc).__name__}: {exc}"
        with self._lock:
            self._story_done = time.monotonic()
            self._story_secs = self._story_done - start
            self.story_builds += 1


class _UploadStore:
    """The store as ``ingest`` sees it, recording an upload's own name as its source
    rather than the temporary file it was saved to."""

    def __init__(self, store, shown):
        self._store, self._shown = store, shown

    def has(self, article_id: str) -> bool:
        return self._store.has(article_id)

    def _name(self, source):
        shown = self._shown(source) if source else source
        return source if shown == source else "upload: " + shown  # a URL stays a URL

    def add(self, record: dict, url: str | None = None) -> bool:
        return self._store.add({**record, "source": self._name(record.get("source"))}, url=url)

    def add_failure(self, source: str, code: str, reason: str) -> None:
        self._store.add_failure(self._name(source), code, reason)


def pasted_line(text: str, title: str | None, published: str | None, outlet: str | None) -> bytes:
    """One JSON Lines input for pasted text (the same reader as any .jsonl file)."""
    obj = {"text": text}
    for key, value in (("title", title), ("published", published), ("outlet", outlet)):
        if value:
            obj[key] = value
    return (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")
