"""Bad requests: refused before the wire when they do not fit the proto, by the service otherwise."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import grpc
import pytest

import pixelrpc
from pixelrpc import messages

SMALL = "320x240.jpg"

# (what is wrong, the call's keyword arguments, a fragment the message must name)
SHAPE_ERRORS: list[tuple[str, dict[str, Any], str]] = [
    ("a misspelt field", {"operations": [{"resize": {"widht": 100}}]}, 'no field named "widht"'),
    ("an unknown operation", {"operations": [{"resise": {"width": 100}}]}, 'no field named "resise"'),
    ("an unknown enum name", {"operations": [{"resize": {"width": 9, "fit": "FIT_BOGUS"}}]}, "FIT_BOGUS"),
    ("a negative uint32", {"operations": [{"resize": {"width": -1}}]}, "width"),
    ("an overflowing uint32", {"operations": [{"resize": {"width": 2**32}}]}, "width"),
    ("a fractional uint32", {"operations": [{"resize": {"width": 1.5}}]}, "width"),
    ("a string for a bool", {"output": {"format": "FORMAT_WEBP", "lossless": "false"}}, "lossless"),
    ("a list for a number", {"output": {"quality": [80]}}, "quality"),
    ("a misspelt output field", {"output": {"fromat": "FORMAT_WEBP"}}, 'no field named "fromat"'),
    ("an unknown input field", {"input": {"pages": 2}}, 'no field named "pages"'),
    ("one dict for the list", {"operations": {"resize": {"width": 1}}}, "must be a list of Operations"),
    ("a bare step", {"operations": [messages.Resize(width=1)]}, "Operation(resize=...)"),
    ("a wrong message", {"output": messages.InputOptions()}, "must be an OutputOptions or a dict, not an InputOptions"),
    ("a number for an operation", {"operations": [3]}, "operations[0] must be an Operation or a dict"),
    ("the path of a bad step", {"operations": [{"flip": {}}, {"blur": {"sigma": "x"}}]}, "operations[1]"),
]


@pytest.mark.parametrize("kwargs,fragment", [case[1:] for case in SHAPE_ERRORS], ids=[case[0] for case in SHAPE_ERRORS])
async def test_a_request_that_does_not_fit_the_proto_is_refused_before_the_wire(
    images: pixelrpc.ImageClient, fixture: Callable[[str], bytes], kwargs: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(pixelrpc.RequestShapeError) as caught:
        await images.transform(fixture(SMALL), **kwargs)
    assert fragment in str(caught.value)
    assert caught.value.code == grpc.StatusCode.INVALID_ARGUMENT and not caught.value.retryable
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, pixelrpc.ImageServiceError)


SOURCE_ERRORS: list[tuple[str, Callable[[pixelrpc.ImageClient, bytes], Awaitable[object]], str]] = [
    ("no source", lambda images, _: images.transform(), "exactly one of image"),
    ("two sources", lambda images, data: images.transform(data, url="https://example.com/a.jpg"), "exactly one"),
    ("a str for image", lambda images, _: images.transform("photo.jpg"), "must be the encoded image's bytes"),  # type: ignore[arg-type]
    ("a non-bool placeholders", lambda images, data: images.info(data, placeholders=1), "placeholders must be a bool"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("call,fragment", [case[1:] for case in SOURCE_ERRORS], ids=[case[0] for case in SOURCE_ERRORS])
async def test_a_missing_or_misshapen_source_is_refused(
    images: pixelrpc.ImageClient,
    fixture: Callable[[str], bytes],
    call: Callable[[pixelrpc.ImageClient, bytes], Awaitable[object]],
    fragment: str,
) -> None:
    with pytest.raises(pixelrpc.RequestShapeError, match=fragment):
        await call(images, fixture(SMALL))


@pytest.mark.parametrize("chunk_size", [-1, 2**32, 1.5, True, "16k"])
def test_streams_check_their_request_when_called_not_when_iterated(
    images: pixelrpc.ImageClient, fixture: Callable[[str], bytes], chunk_size: Any
) -> None:
    with pytest.raises(pixelrpc.RequestShapeError, match="chunk_size"):
        images.transform_stream(fixture(SMALL), chunk_size=chunk_size)
    with pytest.raises(pixelrpc.RequestShapeError, match="variants\\[0\\]"):
        images.variants(fixture(SMALL), variants=[{"nmae": "x"}])


SERVICE_ERRORS: list[tuple[str, str | None, dict[str, Any], grpc.StatusCode, str]] = [
    ("a corrupt header", "corrupt-header.jpg", {}, grpc.StatusCode.INVALID_ARGUMENT, ""),
    ("a truncated file", "truncated.png", {"output": {"format": "FORMAT_WEBP"}}, grpc.StatusCode.INVALID_ARGUMENT, ""),
    (
        "a width over the limit",
        SMALL,
        {"operations": [{"resize": {"width": 70_000}}]},
        grpc.StatusCode.INVALID_ARGUMENT,
        "operations[0].resize.width",
    ),
    (
        "max_bytes for a PNG",
        SMALL,
        {"output": {"format": "FORMAT_PNG", "maxBytes": 100}},
        grpc.StatusCode.INVALID_ARGUMENT,
        "max_bytes",
    ),
    ("too many pixels", "giant-image.jpg", {}, grpc.StatusCode.INVALID_ARGUMENT, "over this service's limit"),
    ("a URL source not allowed", None, {"url": "https://example.com/a.jpg"}, grpc.StatusCode.PERMISSION_DENIED, ""),
]


@pytest.mark.parametrize(
    "name,kwargs,code,fragment", [case[1:] for case in SERVICE_ERRORS], ids=[case[0] for case in SERVICE_ERRORS]
)
async def test_the_service_refusal_arrives_with_its_code_and_message(
    images: pixelrpc.ImageClient,
    fixture: Callable[[str], bytes],
    name: str | None,
    kwargs: dict[str, Any],
    code: grpc.StatusCode,
    fragment: str,
) -> None:
    with pytest.raises(pixelrpc.ImageServiceError) as caught:
        await images.transform(fixture(name) if name else None, **kwargs, timeout=30)
    error = caught.value
    assert error.code == code and not isinstance(error, pixelrpc.RequestShapeError)
    assert fragment in error.details and error.details
    assert str(error) == f"{code.name}: {error.details}"
    assert not error.retryable
    # The service kept serving.
    assert (await images.info(fixture(SMALL))).info.width == 320


def test_client_options_are_checked(service: object) -> None:
    for attempts in (0, 6, True, 2.0):
        with pytest.raises(ValueError, match="max_attempts must be a whole number from 1 to 5"):
            pixelrpc.ImageClient("127.0.0.1:1", max_attempts=attempts)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_message_bytes"):
        pixelrpc.ImageClient("127.0.0.1:1", max_message_bytes=0)
    with pytest.raises(ValueError, match="give both cert and key"):
        pixelrpc.Tls(cert=b"pem")
    with pytest.raises(ValueError, match="cannot read the TLS CA file /nonexistent/ca.pem"):
        pixelrpc.Tls.from_files(ca="/nonexistent/ca.pem")
