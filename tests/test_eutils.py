"""PubMed searches through E-utilities, against a local server that answers like NCBI."""

from __future__ import annotations

import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import etree
from typer.testing import CliRunner

from conftest import FIXTURES
from medoracle.cli import app
from medoracle.domain import Document, Skip
from medoracle.ingest.base import ReaderError
from medoracle.ingest.eutils import EUtilsClient, EUtilsError, EUtilsReader
from medoracle.library import Library

EFETCH = FIXTURES / "pubmed" / "efetch_articles.xml"
PMIDS = ["39100001", "10400002", "38800003", "20300004"]
WEBENV = "MCID_6761a0e1b4b3a46b2d0e8f3c"


def esearch_json(count: int) -> bytes:
    """An esearch reply with usehistory=y and retmax=0, as NCBI sends it."""
    result = {
        "header": {"type": "esearch", "version": "0.3"},
        "esearchresult": {
            "count": str(count),
            "retmax": "0",
            "retstart": "0",
            "querykey": "1",
            "webenv": WEBENV,
            "idlist": [],
            "translationset": [],
            "querytranslation": '"leg cramps"[Title/Abstract]',
        },
    }
    return json.dumps(result).encode()


def efetch_xml(start: int, size: int) -> bytes:
    """Records start … start+size-1 of the fixture, in efetch's PubmedArticleSet form."""
    tree = etree.parse(str(EFETCH))
    root = tree.getroot()
    for record in list(root)[:start] + list(root)[start + size :]:
        root.remove(record)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", doctype=tree.docinfo.doctype)


@dataclass
class Seen:
    at: float
    endpoint: str
    params: dict[str, str]


@dataclass
class FakeNcbi:
    """Answers /esearch.fcgi and /efetch.fcgi like NCBI; ``queued`` replies are served first."""

    url: str = ""
    count: int = len(PMIDS)
    queued: list[tuple[int, bytes, dict[str, str]]] = field(default_factory=list)
    stall_first: float = 0.0  # seconds the first request hangs before answering
    seen: list[Seen] = field(default_factory=list)

    def reply(self, endpoint: str, params: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
        self.seen.append(Seen(time.monotonic(), endpoint, params))
        if len(self.seen) == 1 and self.stall_first:
            time.sleep(self.stall_first)
        if self.queued:
            return self.queued.pop(0)
        if endpoint == "esearch.fcgi":
            return 200, esearch_json(self.count), {"Content-Type": "application/json; charset=UTF-8"}
        if endpoint == "efetch.fcgi" and params.get("WebEnv") == WEBENV:
            body = efetch_xml(int(params["retstart"]), int(params["retmax"]))
            return 200, body, {"Content-Type": "text/xml; charset=UTF-8"}
        return 404, b"not found", {}

    def requests_to(self, endpoint: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.endpoint == endpoint]


@pytest.fixture
def ncbi() -> Iterator[FakeNcbi]:
    fake = FakeNcbi()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = {key: values[-1] for key, values in parse_qs(parts.query).items()}
            status, body, headers = fake.reply(parts.path.rsplit("/", 1)[-1], params)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/entrez/eutils/"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()


def client(url: str, *, api_key: str | None = "k3y", **options: float) -> EUtilsClient:
    # An API key raises the rate limit to 10/s, which keeps most tests fast.
    settings = {"timeout": 5.0, "max_retries": 3, "backoff": 0.01, **options}
    return EUtilsClient(
        url,
        api_key=api_key,
        email="ops@example.org",
        tool="medoracle-test",
        timeout=settings["timeout"],
        max_retries=int(settings["max_retries"]),
        backoff=settings["backoff"],
    )


def pmids(reader: EUtilsReader) -> list[str]:
    records = list(reader.read())
    assert not [r for r in records if isinstance(r, Skip)]
    return [r.pmid or "" for r in records if isinstance(r, Document)]


def test_search_is_fetched_in_batches_from_the_history_server_with_identity(ncbi: FakeNcbi) -> None:
    reader = EUtilsReader(client(ncbi.url), query="leg cramps[tiab]", max_results=10, batch_size=3)

    assert pmids(reader) == PMIDS
    assert reader.total == 4
    [search] = ncbi.requests_to("esearch.fcgi")
    assert search.params["term"] == "leg cramps[tiab]"
    assert (search.params["db"], search.params["usehistory"], search.params["retmode"]) == (
        "pubmed",
        "y",
        "json",
    )
    fetches = ncbi.requests_to("efetch.fcgi")
    assert [(f.params["retstart"], f.params["retmax"]) for f in fetches] == [("0", "3"), ("3", "1")]
    for request in ncbi.seen:
        assert request.params["tool"] == "medoracle-test"
        assert request.params["email"] == "ops@example.org"
        assert request.params["api_key"] == "k3y"
    for fetch in fetches:
        assert (fetch.params["WebEnv"], fetch.params["query_key"]) == (WEBENV, "1")
        assert (fetch.params["rettype"], fetch.params["retmode"]) == ("abstract", "xml")


def test_max_results_caps_what_is_fetched(ncbi: FakeNcbi) -> None:
    ncbi.count = 4
    reader = EUtilsReader(client(ncbi.url), query="cramps", max_results=2)

    assert pmids(reader) == PMIDS[:2]
    assert reader.total == 2
    [fetch] = ncbi.requests_to("efetch.fcgi")
    assert (fetch.params["retstart"], fetch.params["retmax"]) == ("0", "2")


def test_no_hits_yields_nothing_and_fetches_nothing(ncbi: FakeNcbi) -> None:
    ncbi.count = 0
    reader = EUtilsReader(client(ncbi.url), query="zzzz", max_results=5)

    assert list(reader.read()) == []
    assert reader.total == 0
    assert ncbi.requests_to("efetch.fcgi") == []


def test_too_many_requests_is_retried_after_the_time_ncbi_asks_for(ncbi: FakeNcbi) -> None:
    limited = b'{"error":"API rate limit exceeded","api-key":"k3y","count":"11","limit":"10"}'
    ncbi.queued.append((429, limited, {"Retry-After": "1", "Content-Type": "application/json"}))
    reader = EUtilsReader(client(ncbi.url), query="cramps", max_results=1)

    assert pmids(reader) == PMIDS[:1]
    first, second = ncbi.requests_to("esearch.fcgi")
    assert second.at - first.at >= 0.95


def test_timeout_is_retried(ncbi: FakeNcbi) -> None:
    ncbi.stall_first = 0.6
    reader = EUtilsReader(client(ncbi.url, timeout=0.2), query="cramps", max_results=1)

    assert pmids(reader) == PMIDS[:1]
    assert len(ncbi.requests_to("esearch.fcgi")) == 2


def test_repeated_server_errors_end_in_a_clear_reader_error(ncbi: FakeNcbi) -> None:
    ncbi.queued.extend([(500, b"Internal Server Error", {})] * 3)
    reader = EUtilsReader(client(ncbi.url, max_retries=2), query="cramps", max_results=1)

    with pytest.raises(ReaderError) as caught:
        list(reader.read())

    message = str(caught.value)
    assert "esearch.fcgi failed for query 'cramps' after 3 attempts" in message
    assert "HTTP 500" in message
    assert len(ncbi.seen) == 3


def test_a_refused_request_is_not_retried(ncbi: FakeNcbi) -> None:
    invalid = b'{"error":"API key invalid","api-key":"k3y","type":"api-key","status":"error"}'
    ncbi.queued.append((400, invalid, {"Content-Type": "application/json"}))

    with pytest.raises(EUtilsError, match="refused query 'cramps': HTTP 400: API key invalid"):
        list(EUtilsReader(client(ncbi.url), query="cramps", max_results=1).read())
    assert len(ncbi.seen) == 1


def test_requests_without_an_api_key_stay_within_three_per_second(ncbi: FakeNcbi) -> None:
    reader = EUtilsReader(client(ncbi.url, api_key=None), query="cramps", max_results=3, batch_size=1)

    assert pmids(reader) == PMIDS[:3]
    times = [seen.at for seen in ncbi.seen]
    assert len(times) == 4
    assert "api_key" not in ncbi.seen[0].params
    # Any 4 consecutive requests span at least a second (a little slack for thread wake-up).
    assert times[3] - times[0] >= 0.98


def test_unreachable_host_fails_at_once_with_the_offline_hint() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{closed_port}/entrez/eutils/"
    reader = EUtilsReader(client(url, backoff=1.0, max_retries=4), query="cramps", max_results=5)

    started = time.monotonic()
    with pytest.raises(ReaderError) as caught:
        list(reader.read())

    assert time.monotonic() - started < 2
    message = str(caught.value)
    assert f"NCBI E-utilities at {url} is unreachable" in message
    assert "offline" in message
    assert "medoracle ingest pubmed-xml" in message


def test_unknown_host_fails_at_once_with_the_offline_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def no_dns(request: object, timeout: float) -> None:
        calls.append(request)
        raise urllib.error.URLError(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))

    monkeypatch.setattr(urllib.request, "urlopen", no_dns)
    reader = EUtilsReader(client("https://eutils.example.invalid/eutils/"), query="cramps", max_results=5)

    with pytest.raises(ReaderError, match=re.escape("eutils.example.invalid/eutils/ is unreachable")):
        list(reader.read())
    assert len(calls) == 1


def test_esearch_error_names_the_query(ncbi: FakeNcbi) -> None:
    error = {
        "header": {"type": "esearch", "version": "0.3"},
        "esearchresult": {"ERROR": "Invalid query syntax"},
    }
    ncbi.queued.append((200, json.dumps(error).encode(), {"Content-Type": "application/json"}))

    with pytest.raises(EUtilsError, match="esearch refused query '\\(\\(cramps': Invalid query syntax"):
        list(EUtilsReader(client(ncbi.url), query="((cramps", max_results=5).read())


def test_efetch_error_document_is_an_error_not_an_empty_batch(ncbi: FakeNcbi) -> None:
    ncbi.queued.append((200, esearch_json(4), {}))
    expired = b'<?xml version="1.0" ?>\n<eFetchResult>\n\t<ERROR>Unable to obtain query #1</ERROR>\n</eFetchResult>\n'
    ncbi.queued.append((200, expired, {"Content-Type": "text/xml"}))

    with pytest.raises(
        EUtilsError, match="efetch failed for query 'cramps' records 1-4: Unable to obtain query #1"
    ):
        list(EUtilsReader(client(ncbi.url), query="cramps", max_results=5).read())


def test_cli_ingests_a_pubmed_search(ncbi: FakeNcbi, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("MEDORACLE_CONFIG", "MEDORACLE_DATABASE_URL", "MEDORACLE_NCBI_EMAIL", "MEDORACLE_NCBI_TOOL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MEDORACLE_NCBI_BASE_URL", ncbi.url)
    monkeypatch.setenv("MEDORACLE_NCBI_API_KEY", "k3y")
    data = tmp_path / "data"

    result = CliRunner().invoke(
        app, ["--data-dir", str(data), "ingest", "pubmed", "--query", "leg cramps[tiab]", "--max", "3"]
    )

    assert result.exit_code == 0, result.output
    assert "3 ingested" in result.output
    assert ncbi.seen[0].params["tool"] == "medoracle"
    with Library(f"sqlite:///{data / 'library.db'}") as library:
        assert library.count_documents() == 3
        assert library.get_document("pubmed:10400002") is not None
