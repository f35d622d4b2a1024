"""TLS and mutual TLS to services that require them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest

import pixelrpc
from pixelrpc_harness import Service, start_service


@pytest.fixture(scope="module")
def secure(pki: Callable[[str], Path]) -> Iterator[tuple[Service, Service]]:
    """A service that wants TLS, and one that also wants a client certificate from the CA."""
    tls = {"IMAGE_TLS_CERT": str(pki("server.pem")), "IMAGE_TLS_KEY": str(pki("server.key"))}
    services = (start_service(tls), start_service({**tls, "IMAGE_TLS_CLIENT_CA": str(pki("ca.pem"))}))
    yield services
    for running in services:
        assert running.stop() == 0


def client_tls(pki: Callable[[str], Path], who: str | None) -> pixelrpc.Tls:
    if who is None:
        return pixelrpc.Tls.from_files(ca=pki("ca.pem"))
    return pixelrpc.Tls.from_files(ca=pki("ca.pem"), cert=pki(f"{who}.pem"), key=pki(f"{who}.key"))


async def test_tls_with_the_ca_is_served_and_the_name_is_checked(
    secure: tuple[Service, Service], pki: Callable[[str], Path], fixture: Callable[[str], bytes]
) -> None:
    server_only, _ = secure
    async with pixelrpc.ImageClient(server_only.address, tls=client_tls(pki, None)) as images:
        assert (await images.info(fixture("320x240.jpg"), timeout=10)).info.width == 320
    # The certificate is for localhost and 127.0.0.1: another name is refused, unless told which to expect.
    port = server_only.address.rsplit(":", 1)[1]
    wrong = pixelrpc.Tls(ca=pki("ca.pem").read_bytes(), server_name="images.example")
    async with pixelrpc.ImageClient(f"127.0.0.1:{port}", tls=wrong, max_attempts=1) as images:
        with pytest.raises(pixelrpc.ImageServiceError) as caught:
            await images.health(timeout=5)
        assert caught.value.code == grpc.StatusCode.UNAVAILABLE
    named = pixelrpc.Tls(ca=pki("ca.pem").read_bytes(), server_name="localhost")
    async with pixelrpc.ImageClient(f"127.0.0.1:{port}", tls=named) as images:
        assert await images.health(timeout=5) == "SERVING"


async def test_plaintext_to_a_tls_service_fails_as_unavailable(secure: tuple[Service, Service]) -> None:
    async with pixelrpc.ImageClient(secure[0].address, max_attempts=1) as images:
        with pytest.raises(pixelrpc.ImageServiceError) as caught:
            await images.health(timeout=5)
    assert caught.value.code == grpc.StatusCode.UNAVAILABLE


@pytest.mark.parametrize("who,served", [("client", True), (None, False), ("rogue-client", False)])
async def test_mutual_tls_serves_only_a_certificate_from_its_ca(
    secure: tuple[Service, Service],
    pki: Callable[[str], Path],
    fixture: Callable[[str], bytes],
    who: str | None,
    served: bool,
) -> None:
    async with pixelrpc.ImageClient(secure[1].address, tls=client_tls(pki, who), max_attempts=1) as images:
        if served:
            result = await images.transform(fixture("320x240.jpg"), operations=[{"resize": {"width": 10}}], timeout=10)
            assert result.info.width == 10
        else:
            with pytest.raises(pixelrpc.ImageServiceError) as caught:
                await images.health(timeout=5)
            assert caught.value.code == grpc.StatusCode.UNAVAILABLE
