"""TLS options (private CA bundle, mutual TLS client certificate) over a real TLS socket."""

from __future__ import annotations

import ipaddress
import json
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from backend_support import KIOSK_ID, SECRET
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.backend.client import UtilityClient
from kiosk.backend.errors import BackendError, BackendUnavailable, OutcomeUnknown
from kiosk.clock import ManualClock
from tests.http_stub import StubHandler, serving

REPLY = {"server_time": "2026-11-26T08:00:00Z", "commands": []}


def _cert(
    name: str, key: ec.EllipticCurvePrivateKey, issuer: tuple[x509.Name, Any] | None, **kw: Any
) -> x509.Certificate:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer_name, issuer_key = issuer or (subject, key)
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=issuer is None, path_length=None), critical=True)
    )
    if kw.get("ip"):
        san = x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(kw["ip"]))])
        builder = builder.add_extension(san, critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _write(path: Path, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> None:
    path.with_suffix(".crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    path.with_suffix(".key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


@pytest.fixture
def pki(tmp_path: Path) -> Path:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _cert("Test Utility CA", ca_key, None)
    _write(tmp_path / "ca", ca, ca_key)
    for name, extra in (("server", {"ip": "127.0.0.1"}), ("kiosk", {})):
        key = ec.generate_private_key(ec.SECP256R1())
        _write(tmp_path / name, _cert(name, key, (ca.subject, ca_key), **extra), key)
    return tmp_path


class _Handler(StubHandler):
    served: list[str] = []  # noqa: RUF012 - reset by the fixture

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        _Handler.served.append(self.path)
        self.reply(200, json.dumps(REPLY).encode())


@pytest.fixture
def tls_url(pki: Path) -> Iterator[str]:
    """A loopback HTTPS endpoint that demands a client certificate signed by the test CA."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pki / "server.crt", pki / "server.key")
    context.load_verify_locations(pki / "ca.crt")
    context.verify_mode = ssl.CERT_REQUIRED
    _Handler.served = []

    def wrap(server: ThreadingHTTPServer) -> None:
        server.socket = context.wrap_socket(server.socket, server_side=True)

    with serving(_Handler, wrap) as server:
        yield f"https://127.0.0.1:{server.server_address[1]}"


def _ping(client: UtilityClient) -> None:
    from kiosk.backend import bodies

    ok: bodies.DeviceBody = {"state": "ok"}
    body = bodies.heartbeat_body(
        sent_at=datetime(2026, 11, 26, 8, tzinfo=UTC),
        software_version="0.1.0",
        mode="in_service",
        devices={
            "cash_acceptor": ok,
            "printer": {"state": "ok", "paper": "ok"},
            "card_reader": ok,
            "scanner": ok,
        },
        outbox_depth=0,
        oldest_unsent_at=None,
        cashbox_notes=0,
        cashbox_total_fen=0,
    )
    assert client.heartbeat(body, "HB-K-330106-0001-0001").commands == []


def test_mutual_tls_with_private_ca(tls_url: str, pki: Path) -> None:
    with UtilityClient(
        tls_url,
        KIOSK_ID,
        SECRET,
        clock=ManualClock(),
        verify=str(pki / "ca.crt"),
        client_cert=(str(pki / "kiosk.crt"), str(pki / "kiosk.key")),
    ) as client:
        _ping(client)
    assert _Handler.served == ["/v1/kiosks/K-330106-0001/heartbeats"]


def test_server_not_signed_by_a_trusted_ca_is_refused_before_sending(tls_url: str) -> None:
    with (
        UtilityClient(tls_url, KIOSK_ID, SECRET, clock=ManualClock(), verify=True) as client,
        pytest.raises(BackendUnavailable, match="ConnectError") as caught,
    ):
        _ping(client)
    assert caught.value.may_have_committed is False


def test_without_the_kiosk_certificate_the_server_refuses(tls_url: str, pki: Path) -> None:
    with (
        UtilityClient(
            tls_url, KIOSK_ID, SECRET, clock=ManualClock(), verify=str(pki / "ca.crt")
        ) as client,
        pytest.raises(BackendError) as caught,
    ):
        _ping(client)
    # TLS 1.3 reports the refusal only after the client sent its request, so the client cannot
    # tell it from a lost answer: it must say OutcomeUnknown (or BackendUnavailable with TLS 1.2).
    assert isinstance(caught.value, OutcomeUnknown | BackendUnavailable)
    assert _Handler.served == []
