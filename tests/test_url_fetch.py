"""URL fetches end by their deadline and connect to the address that was checked (issue #21,
item 4). Servers here are on loopback; nothing touches the network."""

from __future__ import annotations

import http.server
import socket
import threading
import time

import pytest

from warbrief.errors import InputError
from warbrief.ingest import ReadOptions
from warbrief.ingest.url import fetch


class _Drip(http.server.BaseHTTPRequestHandler):
    """Headers at once, then one byte every 0.2 s, for at most 30 s."""

    def do_GET(self):  # noqa: N802 - http.server API
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        for _ in range(150):
            try:
                self.wfile.write(b"x")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.2)

    def log_message(self, *args):
        pass


@pytest.fixture
def drip_url():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/slow"
    httpd.shutdown()
    httpd.server_close()


def test_a_dripping_server_cannot_keep_a_fetch_alive(drip_url):
    result: list = []
    worker = threading.Thread(target=lambda: result.append(fetch(drip_url, ReadOptions(timeout=1.0,
                                                                                      allow_private=True))))
    worker.start()
    worker.join(20)  # the drip lasts 30 s: a fetch bounded only per read would still run
    assert not worker.is_alive(), "the fetch outlived its deadline"
    assert isinstance(result[0], InputError) and "timed out" in result[0].reason


def test_the_connection_goes_to_the_checked_address(monkeypatch):
    """A name that answers a public address to the check and loopback afterwards (DNS
    rebinding) must still be fetched from the public address."""
    real = socket.getaddrinfo
    answers = iter(["93.184.216.34"] + ["127.0.0.1"] * 10)
    dialled: list = []

    def rebinding(host, port, *args, **kw):
        if host == "rebind.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]
        return real(host, port, *args, **kw)

    def no_network(address, *args, **kw):
        dialled.append(address[0])
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(socket, "create_connection", no_network)
    result = fetch("http://rebind.example/page", ReadOptions(timeout=5.0))
    assert isinstance(result, InputError)
    assert dialled and set(dialled) == {"93.184.216.34"}
