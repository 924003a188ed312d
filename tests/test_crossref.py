"""The wrapped Crossref client: limits read from the headers, retries, Retry-After, disk cache.

Every test starts its own server on 127.0.0.1 (tests/crossref_server.py); limits and delays are
scaled down, and what the client did is measured by the server, never by the wall clock.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from crossref_server import SCHEDULING_LAG, CrossrefServer, make_work

from pubexport.crossref import CONNECT_TIMEOUT, READ_TIMEOUT, CrossrefClient, LookupFailed

DOI = "10.1109/icdcsw.2003.1203662"


@pytest.fixture
def work():
    return make_work(DOI, "Accurate and explicit differentiation of wireless and congestion losses",
                     [("V.", "Arya"), ("T.", "Turletti")], 2003)


def client_for(server, **options) -> CrossrefClient:
    options.setdefault("backoff", 0.01)
    return CrossrefClient(server.url, **options)


def search_many(client, n):
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda i: client.search(f"paper number {i}", 5), range(n)))


def test_concurrency_stays_within_the_advertised_limit_and_uses_it():
    with CrossrefServer(concurrency=3, latency=0.05) as server:
        search_many(client_for(server), 18)
    assert server.requests == 18
    assert 2 <= server.max_in_flight <= 3


def test_public_pool_limit_of_one_means_one_request_at_a_time():
    with CrossrefServer(concurrency=1, rate=5, interval="0.05s", pool="public", latency=0.02) as server:
        search_many(client_for(server), 8)
    assert server.max_in_flight == 1


def test_rate_stays_within_the_advertised_requests_per_interval():
    with CrossrefServer(rate=4, interval="0.25s", concurrency=8) as server:
        search_many(client_for(server), 12)
    assert server.requests == 12
    assert server.max_in_window(0.25 - SCHEDULING_LAG) <= 4


def test_limits_are_learned_from_the_response_headers():
    with CrossrefServer(rate=7, interval="2s", concurrency=2) as server:
        client = client_for(server)
        assert (client.gate.rate, client.gate.concurrency) == (5, 1)  # public pool until told
        client.search("anything", 5)
    assert (client.gate.rate, client.gate.interval, client.gate.concurrency) == (7, 2.0, 2)


def test_requests_go_through_habanero_with_the_mailto_in_agent_and_query():
    with CrossrefServer() as server:
        client_for(server, mailto="me@uni.edu").search("ecology", 3)
    hit = server.hits[0]
    assert "habanero/2.9.2" in hit.user_agent and "mailto:me@uni.edu" in hit.user_agent
    assert hit.params["mailto"] == "me@uni.edu"
    assert hit.params["query.bibliographic"] == "ecology" and hit.params["rows"] == "3"


def test_429_holds_every_request_back_for_retry_after(work):
    with CrossrefServer(searches={"paper": [work]}, faults=[("works", "429:0.3")], concurrency=3) as server:
        client = client_for(server)
        results = search_many(client, 6)
    assert all(r and r[0]["DOI"] == DOI for r in results)
    throttled = next(h for h in server.hits if h.status == 429)
    after = [h.arrival - throttled.arrival for h in server.hits if h.arrival > throttled.arrival]
    assert after and min(after) >= 0.3
    assert server.requests == 7 and client.retries == 1


@pytest.mark.parametrize("fault", ["500", "503", "timeout", "badjson"])
def test_transient_faults_are_retried(work, fault):
    with CrossrefServer(works=[work], faults=[(DOI, fault)], stall=2.5) as server:
        client = client_for(server, timeout=1.0)
        assert client.work(DOI)["DOI"] == DOI
    assert server.requests == 2 and client.retries == 1


def test_a_stalled_answer_is_cut_by_the_default_timeouts_and_asked_again_within_the_limits(work):
    """The stalled answer does come, late: a client that waited it out would make one request."""
    assert CONNECT_TIMEOUT <= READ_TIMEOUT <= 6
    with CrossrefServer(works=[work], faults=[("works", "timeout")], stall=READ_TIMEOUT + 3,
                        rate=2, interval="1s", concurrency=1) as server:
        client = client_for(server)
        assert client.work(DOI)["DOI"] == DOI
        search_many(client, 4)
    assert server.hits[0].path == f"/works/{DOI}" and server.requests == 6 and client.retries == 1
    assert server.max_in_window(1.0 - SCHEDULING_LAG) <= 2


def test_retries_are_bounded_then_the_lookup_fails(work):
    with CrossrefServer(works=[work], faults=[(DOI, "500")] * 10) as server:
        client = client_for(server, max_attempts=3)
        with pytest.raises(LookupFailed, match="3 attempts"):
            client.work(DOI)
    assert server.requests == 3


def test_a_client_error_is_not_retried(work):
    with CrossrefServer(works=[work], faults=[(DOI, "400")]) as server:
        with pytest.raises(LookupFailed, match="400"):
            client_for(server).work(DOI)
    assert server.requests == 1


def test_retry_after_beyond_the_limit_stops_all_further_requests(work):
    with CrossrefServer(works=[work], faults=[("works", "429:3600")]) as server:
        client = client_for(server, max_retry_after=5)
        with pytest.raises(LookupFailed, match="Retry-After"):
            client.work(DOI)
        with pytest.raises(LookupFailed):
            client.search("something else", 5)
    assert server.requests == 1


def test_unknown_doi_is_none_and_cached(tmp_path):
    with CrossrefServer() as server:
        assert client_for(server, cache_dir=tmp_path).work("10.1371/notarealdoi") is None
        assert client_for(server, cache_dir=tmp_path).work("10.1371/notarealdoi") is None
    assert server.requests == 1


def test_cache_answers_a_repeated_request_and_only_that(tmp_path, work):
    with CrossrefServer(works=[work]) as server:
        first = client_for(server, cache_dir=tmp_path)
        answer = first.search("wireless and congestion losses", 5)
        second = client_for(server, cache_dir=tmp_path)
        assert second.search("wireless and congestion losses", 5) == answer
        assert second.requests == 0 and second.cache_hits == 1
        second.search("wireless and congestion losses", 3)  # another request: another key
    assert server.requests == 2


def test_failures_are_not_cached(tmp_path, work):
    with CrossrefServer(works=[work], faults=[(DOI, "500")] * 2) as server:
        with pytest.raises(LookupFailed):
            client_for(server, cache_dir=tmp_path, max_attempts=2).work(DOI)
        assert client_for(server, cache_dir=tmp_path).work(DOI)["DOI"] == DOI
    assert server.requests == 3


def test_unwritable_cache_warns_once_and_goes_on(tmp_path, work, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with CrossrefServer(works=[work]) as server:
        client = client_for(server, cache_dir=blocker / "cache")
        with caplog.at_level(logging.WARNING, logger="pubexport"):
            assert client.work(DOI)["DOI"] == DOI
            assert client.search("wireless", 5)
    assert len([r for r in caplog.records if "not writable" in r.getMessage()]) == 1
