"""Requests built from the generated messages, or from plain dicts in the proto's JSON form
(``{"resize": {"width": 800}}``, ``{"format": "FORMAT_WEBP", "quality": 80}``), checked
against the proto before anything goes on the wire."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias, TypeVar

from google.protobuf import json_format
from google.protobuf.message import Message

from ._errors import RequestShapeError
from .image.v1 import image_service_pb2 as pb

OperationLike: TypeAlias = pb.Operation | Mapping[str, Any]
OutputLike: TypeAlias = pb.OutputOptions | Mapping[str, Any]
InputLike: TypeAlias = pb.InputOptions | Mapping[str, Any]
VariantLike: TypeAlias = pb.VariantSpec | Mapping[str, Any]
ImageBytes: TypeAlias = bytes | bytearray | memoryview
_BYTES = (bytes, bytearray, memoryview)

_M = TypeVar("_M", bound=Message)


def _a(name: str) -> str:
    return f"an {name}" if name[0] in "AEIOU" else f"a {name}"


def _json_ready(value: Any) -> Any:
    """The proto's JSON form writes bytes as base64; a dict built in Python holds them raw
    (a Composite's overlay image, say), and json_format would misread raw bytes as base64."""
    if isinstance(value, _BYTES):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Mapping):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(item) for item in value]
    return value


def _wrapping_hint(kind: type[Message], given: Message) -> str:
    """What to write instead of a bare step where a oneof of steps is expected (a Resize for an Operation)."""
    for field in kind.DESCRIPTOR.fields:
        if field.message_type is not None and field.message_type.full_name == given.DESCRIPTOR.full_name:
            return f"; wrap it: {kind.DESCRIPTOR.name}({field.name}=...) or {{{field.name!r}: {{...}}}}"
    return ""


def message_of(kind: type[_M], value: _M | Mapping[str, Any], path: str) -> _M:
    """``value`` as a ``kind`` message: the message itself, or one parsed from a dict."""
    if isinstance(value, kind):
        return value
    if isinstance(value, Message):
        raise RequestShapeError(
            f"{path} must be {_a(kind.DESCRIPTOR.name)} or a dict, not {_a(value.DESCRIPTOR.name)}{_wrapping_hint(kind, value)}"
        )
    if not isinstance(value, Mapping):
        raise RequestShapeError(
            f"{path} must be {_a(kind.DESCRIPTOR.name)} or a dict in the proto's JSON form, not {type(value).__name__}"
        )
    message: _M = kind()
    try:
        json_format.ParseDict(_json_ready(value), message)
    except (json_format.ParseError, TypeError, ValueError) as error:
        raise RequestShapeError(f"{path}: {error}") from error
    return message


def _messages_of(kind: type[_M], values: Iterable[_M | Mapping[str, Any]], path: str) -> list[_M]:
    # A lone dict or message is iterable too (over its keys, or not at all): name the slip instead.
    if isinstance(values, (Mapping, Message, str, bytes)):
        raise RequestShapeError(
            f"{path} must be a list of {kind.DESCRIPTOR.name}s or dicts, not a single {type(values).__name__}"
        )
    return [message_of(kind, value, f"{path}[{index}]") for index, value in enumerate(values)]


def _source(image: ImageBytes | None, url: str | None) -> dict[str, Any]:
    if (image is None) == (url is None):
        raise RequestShapeError("give the source image as exactly one of image (its bytes) or url")
    if url is not None:
        if not isinstance(url, str):
            raise RequestShapeError(f"url must be a str, not {type(url).__name__}")
        return {"url": url}
    if not isinstance(image, _BYTES):
        raise RequestShapeError(f"image must be the encoded image's bytes, not {type(image).__name__}")
    return {"image": bytes(image)}


def _options(output: OutputLike | None, input: InputLike | None, preset: str = "") -> dict[str, Any]:
    if not isinstance(preset, str):
        raise RequestShapeError(
            f"preset must be a str (one of the service's preset names), not {type(preset).__name__}"
        )
    options: dict[str, Any] = {"preset": preset} if preset else {}
    if output is not None:
        options["output"] = message_of(pb.OutputOptions, output, "output")
    if input is not None:
        options["input"] = message_of(pb.InputOptions, input, "input")
    return options


def transform_request(
    image: ImageBytes | None,
    url: str | None,
    operations: Iterable[OperationLike],
    output: OutputLike | None,
    input: InputLike | None,
    preset: str,
) -> pb.TransformRequest:
    return pb.TransformRequest(
        **_source(image, url),
        operations=_messages_of(pb.Operation, operations, "operations"),
        **_options(output, input, preset),
    )


def transform_stream_request(
    image: ImageBytes | None,
    url: str | None,
    operations: Iterable[OperationLike],
    output: OutputLike | None,
    input: InputLike | None,
    preset: str,
    chunk_size: int,
) -> pb.TransformStreamRequest:
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or not 0 <= chunk_size <= 0xFFFFFFFF:
        raise RequestShapeError(
            f"chunk_size must be a whole number of bytes (0 for the service's default), not {chunk_size!r}"
        )
    return pb.TransformStreamRequest(
        **_source(image, url),
        operations=_messages_of(pb.Operation, operations, "operations"),
        chunk_size=chunk_size,
        **_options(output, input, preset),
    )


def variants_request(
    image: ImageBytes | None,
    url: str | None,
    variants: Iterable[VariantLike],
    input: InputLike | None,
) -> pb.VariantsRequest:
    return pb.VariantsRequest(
        **_source(image, url), variants=_messages_of(pb.VariantSpec, variants, "variants"), **_options(None, input)
    )


def info_request(image: ImageBytes | None, url: str | None, placeholders: bool) -> pb.InfoRequest:
    if not isinstance(placeholders, bool):
        raise RequestShapeError(f"placeholders must be a bool, not {type(placeholders).__name__}")
    return pb.InfoRequest(**_source(image, url), placeholders=placeholders)
