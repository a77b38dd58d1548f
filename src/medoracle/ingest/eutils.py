"""PubMed searches through NCBI E-utilities: esearch into the history server, then efetch in batches.

NCBI allows 3 requests/s without an API key and 10/s with one; the client keeps under that
and retries what is worth retrying (429, 5xx, timeouts, dropped connections) with
exponential backoff. A host that cannot be reached at all fails at once with a hint to
load downloaded XML instead, since this tool is meant to run offline.
"""

from __future__ import annotations

import email.utils
import errno
import http.client
import io
import json
import logging
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.message import Message
from typing import Any

from lxml import etree

from medoracle.ingest.base import ReaderError, Record
from medoracle.ingest.pubmed import parse_articles

log = logging.getLogger(__name__)

MAX_BATCH = 200
# Connection-level failures that mean "nobody is there", as opposed to a flaky link.
_UNREACHABLE = (socket.gaierror, ConnectionRefusedError)
_UNREACHABLE_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH}
_TRANSIENT = (TimeoutError, ConnectionError, http.client.HTTPException)


class EUtilsError(ReaderError):
    """E-utilities refused or failed a request for good; the message names the query and the fix."""


class RateLimiter:
    """At most ``per_second`` calls per second, shared by all threads using one client."""

    def __init__(self, per_second: float) -> None:
        # A small margin, so that jitter on the way to NCBI never makes 4 requests land within 1 s.
        self.interval = 1.05 / per_second
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


@dataclass(frozen=True, slots=True)
class _Failure:
    """A request that failed in a way worth retrying."""

    problem: str
    retry_after: float | None = None  # seconds, when the server said how long to wait


@dataclass(frozen=True, slots=True)
class SearchResult:
    count: int
    webenv: str
    query_key: str


def _is_unreachable(reason: object) -> bool:
    return isinstance(reason, _UNREACHABLE) or (
        isinstance(reason, OSError) and reason.errno in _UNREACHABLE_ERRNOS
    )


def _retry_after(headers: Message | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date), if sent."""
    value = headers.get("Retry-After") if headers is not None else None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _error_text(body: bytes) -> str:
    """NCBI's own words from an error body (JSON ``error``, or the text itself, shortened)."""
    try:
        payload = json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace").strip()[:300]
    if isinstance(payload, dict) and payload.get("error"):
        return str(payload["error"])
    return body.decode("utf-8", "replace").strip()[:300]


class EUtilsClient:
    """A polite E-utilities HTTP client: rate-limited, identified (tool, email, api_key), retrying."""

    def __init__(
        self,
        base_url: str,
        api_key: str | None,
        email: str | None,
        tool: str,
        timeout: float = 30,
        max_retries: int = 4,
        backoff: float = 1.0,
    ) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.api_key = api_key
        self.email = email
        self.tool = tool
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.limiter = RateLimiter(10 if api_key else 3)

    def _url(self, endpoint: str, params: Mapping[str, str | int]) -> str:
        identity = {"tool": self.tool, "email": self.email, "api_key": self.api_key}
        query = {**params, **{key: value for key, value in identity.items() if value}}
        return f"{self.base_url}{endpoint}?{urllib.parse.urlencode(query)}"

    def _unreachable(self, reason: object) -> EUtilsError:
        return EUtilsError(
            f"NCBI E-utilities at {self.base_url} is unreachable ({reason}); this machine may be offline. "
            "PubMed XML downloaded elsewhere (efetch output or baseline files) can be loaded with "
            "`medoracle ingest pubmed-xml FILE_OR_FOLDER`."
        )

    def _attempt(self, request: urllib.request.Request, endpoint: str, what: str) -> bytes | _Failure:
        """One request: its body, a failure worth retrying, or EUtilsError for one that is not."""
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body: bytes = response.read()
                return body
        except urllib.error.HTTPError as exc:
            problem = f"HTTP {exc.code}: {_error_text(exc.read())}"
            if exc.code != 429 and exc.code < 500:
                raise EUtilsError(f"NCBI {endpoint} refused {what}: {problem}") from exc
            return _Failure(problem, _retry_after(exc.headers))
        except urllib.error.URLError as exc:
            if _is_unreachable(exc.reason):
                raise self._unreachable(exc.reason) from exc
            return _Failure(str(exc.reason))
        except _TRANSIENT as exc:
            return _Failure(repr(exc))

    def get(self, endpoint: str, params: Mapping[str, str | int], what: str) -> bytes:
        """The body of a successful GET; ``what`` names the request in errors (e.g. the query)."""
        url = self._url(endpoint, params)
        request = urllib.request.Request(url, headers={"User-Agent": f"{self.tool} (medoracle)"})
        failure = _Failure("no attempt made")
        for attempt in range(self.max_retries + 1):
            self.limiter.wait()
            outcome = self._attempt(request, endpoint, what)
            if isinstance(outcome, bytes):
                return outcome
            failure = outcome
            if attempt < self.max_retries:
                wait = failure.retry_after if failure.retry_after is not None else self.backoff * 2**attempt
                log.warning("%s %s failed (%s); retrying in %.1f s", endpoint, what, failure.problem, wait)
                time.sleep(wait)
        raise EUtilsError(
            f"NCBI {endpoint} failed for {what} after {self.max_retries + 1} attempts; "
            f"last error: {failure.problem}. "
            "NCBI may be overloaded: try again later, or with an API key (MEDORACLE_NCBI_API_KEY)."
        )

    def esearch(self, query: str) -> SearchResult:
        """Run a search on the history server: its hit count and where to fetch the hits from."""
        what = f"query {query!r}"
        params: dict[str, str | int] = {
            "db": "pubmed",
            "term": query,
            "usehistory": "y",
            "retmode": "json",
            "retmax": 0,
        }
        body = self.get("esearch.fcgi", params, what)
        try:
            payload: Any = json.loads(body)
        except ValueError as exc:
            raise EUtilsError(f"NCBI esearch returned something that is not JSON for {what}: {exc}") from exc
        if not isinstance(payload, dict):
            raise EUtilsError(f"NCBI esearch returned unexpected JSON for {what}")
        if payload.get("error"):
            raise EUtilsError(f"NCBI esearch refused {what}: {payload['error']}")
        result = payload.get("esearchresult") or {}
        if result.get("ERROR"):
            raise EUtilsError(f"NCBI esearch refused {what}: {result['ERROR']}")
        for kind, items in (result.get("warninglist") or {}).items():
            if items:
                log.warning("esearch %s: %s %s", what, kind, items)
        count = int(result.get("count") or 0)
        webenv, query_key = result.get("webenv"), result.get("querykey")
        if count and not (webenv and query_key):
            raise EUtilsError(
                f"NCBI esearch gave {count} hits for {what} but no WebEnv/query_key to fetch them"
            )
        return SearchResult(count=count, webenv=str(webenv or ""), query_key=str(query_key or ""))

    def efetch(self, search: SearchResult, start: int, size: int, what: str) -> bytes:
        """PubMed XML for hits ``start`` … ``start + size - 1`` of a search."""
        params: dict[str, str | int] = {
            "db": "pubmed",
            "WebEnv": search.webenv,
            "query_key": search.query_key,
            "retstart": start,
            "retmax": size,
            "rettype": "abstract",
            "retmode": "xml",
        }
        body = self.get("efetch.fcgi", params, what)
        _raise_efetch_error(body, what)
        return body


def _raise_efetch_error(body: bytes, what: str) -> None:
    """efetch reports some failures (e.g. an expired WebEnv) as HTTP 200 with an error document."""
    head = body[:1000].lstrip()
    if head.startswith(b"{"):
        raise EUtilsError(f"NCBI efetch failed for {what}: {_error_text(body)}")
    if b"<eFetchResult" in head:
        try:
            message = etree.fromstring(body).findtext("ERROR") or "no records"
        except etree.XMLSyntaxError:
            message = body.decode("utf-8", "replace")[:300]
        raise EUtilsError(f"NCBI efetch failed for {what}: {message}")


class EUtilsReader:
    """The PubMed records found by a search, fetched in batches of at most 200."""

    source = "pubmed"

    def __init__(
        self, client: EUtilsClient, query: str, max_results: int, batch_size: int = MAX_BATCH
    ) -> None:
        if not 1 <= batch_size <= MAX_BATCH:
            raise ValueError(f"batch_size must be 1…{MAX_BATCH}, not {batch_size}")
        self.client = client
        self.query = query
        self.max_results = max_results
        self.batch_size = batch_size
        self.total: int | None = None  # known once the search has run

    def read(self) -> Iterator[Record]:
        if not self.query.strip():
            raise EUtilsError("the PubMed query is empty: give a search such as 'leg cramps[tiab]'")
        search = self.client.esearch(self.query)
        self.total = min(search.count, self.max_results)
        log.info("PubMed query %r: %d hits, fetching %d", self.query, search.count, self.total)
        if not self.total:
            log.warning("PubMed query %r found nothing", self.query)
            return
        for start in range(0, self.total, self.batch_size):
            size = min(self.batch_size, self.total - start)
            what = f"query {self.query!r} records {start + 1}-{start + size}"
            body = self.client.efetch(search, start, size, what)
            yield from parse_articles(io.BytesIO(body), origin=f"efetch {what}")
