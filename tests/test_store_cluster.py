"""The way up to a cluster, by settings alone: restart, tenant and database, token, TLS.

Everything runs against a real `chroma run` server on loopback. Chroma 1.5.9's `chroma run`
has no server-side auth (it ignores CHROMA_SERVER_AUTHN_*; `test_chroma_run_token_auth`
checks that and skips while it holds), so token and TLS tests put `TokenGateway` in front of
it: a fake, named as such, of the auth/TLS gateway (nginx, a cloud load balancer) that a
cluster puts before Chroma. It records the headers it receives and forwards the rest.
"""

from __future__ import annotations

import http.client
import json
import shutil
import ssl
import subprocess
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from rag.errors import ConfigError, StoreError
from rag.search.store import open_client, open_store
from tests.conftest import stop_process
from tests.test_store_server import free_port, start_chroma_server

TOKEN = "test-token-7f3a"  # a made-up secret: it must travel in a header and never land in a file


def http_settings(make_settings, port: int, **store):
    return make_settings(store={"mode": "http", "host": "127.0.0.1", "port": port, **store})


def one_line(error: Exception) -> str:
    line = error.user_line()
    assert "\n" not in line and "Traceback" not in line, line
    return line


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """One `chroma run` server for this module's tests (each starts in ~2-4 s here); each test uses its own names."""
    folder = tmp_path_factory.mktemp("chroma")
    port = free_port()
    server = start_chroma_server(folder / "server-data", port, folder / "chroma-server.log")
    yield port
    stop_process(server, timeout=15)


# -- restart ---------------------------------------------------------------------------


def _admin(port: int):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.AdminClient(
        ChromaSettings(chroma_api_impl="chromadb.api.fastapi.FastAPI", chroma_server_host="127.0.0.1", chroma_server_http_port=port, anonymized_telemetry=False)
    )


@pytest.mark.slow
def test_a_restarted_server_serves_the_settings_built_client_again(tmp_path, make_settings):
    """The client built from settings alone (tenant, database) survives a server restart in the same process.

    The engine and the page across a restart (default tenant, a client handed in) are in
    tests/test_faults.py; this is the cluster-shaped settings path, without the embedder.
    """
    port = free_port()
    data, log = tmp_path / "server-data", tmp_path / "chroma.log"
    server = start_chroma_server(data, port, log)
    try:
        _admin(port).create_tenant("restart-tenant")
        _admin(port).create_database("restart-db", tenant="restart-tenant")
        store = open_store(http_settings(make_settings, port, tenant="restart-tenant", database="restart-db"), "restart-test-embedder")
        vectors = np.random.default_rng(7).normal(size=(20, 384)).astype(np.float32)
        store.chunks.add(ids=[f"c{i}" for i in range(20)], embeddings=vectors, documents=[f"text {i}" for i in range(20)])
        before = store.chunks.query(query_embeddings=[vectors[3].tolist()], n_results=5)["ids"]

        stop_process(server, timeout=15)
        with pytest.raises(StoreError) as down:
            store.count_chunks()
        assert one_line(down.value).startswith("error: cannot reach the Chroma server to count chunks (hint: start it with `chroma run`")

        server = start_chroma_server(data, port, log)  # same data, same port; our process keeps its client
        assert store.count_chunks() == 20
        assert store.chunks.query(query_embeddings=[vectors[3].tolist()], n_results=5)["ids"] == before
    finally:
        stop_process(server, timeout=15)


# -- tenant and database ---------------------------------------------------------------


@pytest.mark.slow
def test_tenant_and_database_keep_collections_apart(chroma_server, make_settings):
    port = chroma_server
    admin = _admin(port)
    admin.create_tenant("lab-tenant")
    admin.create_database("papers-db", tenant="lab-tenant")

    settings = http_settings(make_settings, port, tenant="lab-tenant", database="papers-db")
    store = open_store(settings, "test-embedder")
    vectors = np.eye(4, 384, dtype=np.float32)
    store.chunks.add(ids=[f"c{i}" for i in range(4)], embeddings=vectors, documents=[f"text {i}" for i in range(4)])
    assert store.chunks.query(query_embeddings=[vectors[2].tolist()], n_results=1)["ids"] == [["c2"]]

    ours = {c.name for c in open_client(settings).list_collections()}
    assert ours == {store.name, f"{store.name}-sentences", f"{store.name}-cards", f"{store.name}._papers"}
    default = {c.name for c in open_client(http_settings(make_settings, port)).list_collections()}
    assert not ours & default  # the default database never saw them
    assert {c.name for c in open_client(settings).list_collections()} == ours

    with pytest.raises(StoreError) as no_tenant:
        open_client(http_settings(make_settings, port, tenant="no-such-tenant"))
    assert one_line(no_tenant.value).startswith(f"error: the Chroma server at http://127.0.0.1:{port} has no such tenant")
    assert "store.tenant" in no_tenant.value.hint
    with pytest.raises(StoreError) as no_database:
        open_client(http_settings(make_settings, port, tenant="lab-tenant", database="no-such-db"))
    assert "has no such database" in one_line(no_database.value) and "store.database" in no_database.value.hint


# -- token -----------------------------------------------------------------------------


class TokenGateway(ThreadingHTTPServer):
    """Fake auth/TLS gateway: checks the token, records every request's headers, forwards to Chroma."""

    daemon_threads = True

    def __init__(self, upstream_port: int, header: str = "authorization", refusal: bytes = b"401 Unauthorized", tls: ssl.SSLContext | None = None):
        super().__init__(("127.0.0.1", 0), _GatewayHandler)
        self.upstream_port = upstream_port
        self.header = header
        self.refusal = refusal
        self.seen: list[dict[str, str]] = []
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def close(self) -> None:
        self.shutdown()
        self.server_close()

    def authorised(self, headers) -> bool:
        value = headers.get(self.header, "")
        return value == (f"Bearer {TOKEN}" if self.header == "authorization" else TOKEN)


class _GatewayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects

    def log_message(self, *args) -> None:
        pass

    def _reply(self, status: int, body: bytes, headers: list[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _forward(self) -> None:
        gateway: TokenGateway = self.server
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        gateway.seen.append({k.lower(): v for k, v in self.headers.items()})
        if not gateway.authorised(self.headers):
            is_json = gateway.refusal.startswith(b"{")
            self._reply(401, gateway.refusal, [("Content-Type", "application/json" if is_json else "text/plain")])
            return
        upstream = http.client.HTTPConnection("127.0.0.1", gateway.upstream_port, timeout=30)
        passed = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "authorization", "x-chroma-token")}
        upstream.request(self.command, self.path, body=body, headers=passed)
        response = upstream.getresponse()
        data = response.read()
        upstream.close()
        kept = [(k, v) for k, v in response.getheaders() if k.lower() not in ("transfer-encoding", "connection", "content-length")]
        self._reply(response.status, data, kept)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward


@pytest.fixture
def gateway(chroma_server):
    gateways: list[TokenGateway] = []

    def build(**kwargs) -> TokenGateway:
        gateways.append(TokenGateway(chroma_server, **kwargs))
        return gateways[-1]

    yield build
    for gw in gateways:
        gw.close()


@pytest.mark.slow
def test_the_token_travels_in_a_header_from_an_environment_variable(gateway, make_settings, monkeypatch):
    gw = gateway()
    monkeypatch.setenv("CHROMA_TEST_TOKEN", TOKEN)
    settings = http_settings(make_settings, gw.port, auth_token_env="CHROMA_TEST_TOKEN")
    store = open_store(settings, "token-test-embedder")
    store.chunks.add(ids=["a"], embeddings=np.ones((1, 384), dtype=np.float32), documents=["text"])
    assert store.count_chunks() == 1
    assert len(gw.seen) >= 5 and all(h.get("authorization") == f"Bearer {TOKEN}" for h in gw.seen)
    assert TOKEN not in json.dumps(settings.model_dump(mode="json"))  # only the variable's name is a setting

    # Chroma Cloud's header instead of Authorization.
    cloud = gateway(header="x-chroma-token")
    cloud_settings = http_settings(make_settings, cloud.port, auth_token_env="CHROMA_TEST_TOKEN", auth_header="X-Chroma-Token")
    assert open_store(cloud_settings, "token-test-embedder").count_chunks() == 1
    assert cloud.seen and all(h.get("x-chroma-token") == TOKEN and "authorization" not in h for h in cloud.seen)


@pytest.mark.slow
@pytest.mark.parametrize("refusal", [b"401 Unauthorized", b'{"error": "AuthorizationError", "message": "Unauthorized"}'], ids=["plain", "chroma-json"])
def test_a_wrong_or_missing_token_is_one_clear_line(gateway, make_settings, monkeypatch, refusal):
    gw = gateway(refusal=refusal)
    monkeypatch.setenv("CHROMA_TEST_TOKEN", "not-the-token")
    with pytest.raises(StoreError) as wrong:
        open_client(http_settings(make_settings, gw.port, auth_token_env="CHROMA_TEST_TOKEN"))
    assert one_line(wrong.value) == (
        f"error: the Chroma server at http://127.0.0.1:{gw.port} refused our credentials "
        "(hint: check the token in the environment variable named by store.auth_token_env, and store.auth_header)"
    )
    with pytest.raises(StoreError) as none_sent:
        open_client(http_settings(make_settings, gw.port))
    assert "refused our credentials" in one_line(none_sent.value)

    monkeypatch.setenv("CHROMA_TEST_TOKEN", "")
    with pytest.raises(ConfigError) as empty:
        open_client(http_settings(make_settings, gw.port, auth_token_env="CHROMA_TEST_TOKEN"))
    assert "CHROMA_TEST_TOKEN" in one_line(empty.value) and "is empty" in empty.value.message


@pytest.mark.slow
def test_chroma_run_token_auth(tmp_path, make_settings, monkeypatch):
    """Real server-side token auth, as soon as `chroma run` honours it; until then a skip that says why."""
    port = free_port()
    monkeypatch.setenv("CHROMA_SERVER_AUTHN_PROVIDER", "chromadb.auth.token_authn.TokenAuthenticationServerProvider")
    monkeypatch.setenv("CHROMA_SERVER_AUTHN_CREDENTIALS", TOKEN)
    server = start_chroma_server(tmp_path / "server-data", port, tmp_path / "chroma.log")
    try:
        url = f"http://127.0.0.1:{port}/api/v2/tenants/default_tenant/databases/default_database/collections"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        if status == 200:
            pytest.skip("chroma run (Rust frontend, chromadb 1.5.9) ignores CHROMA_SERVER_AUTHN_*: it served a request without a token")
        assert status in (401, 403)
        monkeypatch.setenv("CHROMA_TEST_TOKEN", TOKEN)
        assert open_client(http_settings(make_settings, port, auth_token_env="CHROMA_TEST_TOKEN")).list_collections() == []
        monkeypatch.setenv("CHROMA_TEST_TOKEN", "wrong")
        with pytest.raises(StoreError, match="refused our credentials"):
            open_client(http_settings(make_settings, port, auth_token_env="CHROMA_TEST_TOKEN"))
    finally:
        stop_process(server, timeout=15)


# -- TLS -------------------------------------------------------------------------------


@pytest.mark.slow
def test_tls_to_a_plain_server_is_one_clear_line(chroma_server, make_settings):
    with pytest.raises(StoreError) as tls:
        open_client(http_settings(make_settings, chroma_server, ssl=True))
    line = one_line(tls.value)
    assert line.startswith(f"error: TLS with the Chroma server at https://127.0.0.1:{chroma_server} failed: [SSL")
    assert "store.ssl = false" in line
    with pytest.raises(ConfigError, match="ssl_ca_bundle"):
        open_client(http_settings(make_settings, chroma_server, ssl=True, ssl_ca_bundle=str(Path("/nonexistent/ca.pem"))))


def _self_signed(folder: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed: no certificate for the TLS gateway")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


@pytest.mark.slow
def test_tls_with_a_private_ca(gateway, tmp_path, make_settings, monkeypatch):
    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    gw = gateway(tls=context)
    monkeypatch.setenv("CHROMA_TEST_TOKEN", TOKEN)
    settings = http_settings(make_settings, gw.port, ssl=True, ssl_ca_bundle=str(cert), auth_token_env="CHROMA_TEST_TOKEN")
    assert open_store(settings, "tls-test-embedder").count_chunks() == 0
    assert gw.seen and all(h.get("authorization") == f"Bearer {TOKEN}" for h in gw.seen)

    with pytest.raises(StoreError) as unknown_ca:  # the public CAs do not know our certificate
        open_client(http_settings(make_settings, gw.port, ssl=True, auth_token_env="CHROMA_TEST_TOKEN"))
    assert "certificate verify failed" in one_line(unknown_ca.value)
