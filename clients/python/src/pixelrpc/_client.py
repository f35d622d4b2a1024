"""ImageClient: the image service's RPCs as coroutines and async iterators over grpc.aio."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

import grpc
from google.protobuf import wrappers_pb2
from grpc import aio

from ._channel import ChannelOption, Tls, open_channel
from ._errors import ImageServiceError
from ._requests import (
    ImageBytes,
    InputLike,
    OperationLike,
    OutputLike,
    VariantLike,
    info_request,
    transform_request,
    transform_stream_request,
    variants_request,
)
from ._wire import DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_MESSAGE_BYTES, IMAGE_SERVICE_NAME
from .image.v1 import image_service_pb2 as pb
from .image.v1 import image_service_pb2_grpc as pb_grpc

_Call = TypeVar("_Call")

# grpc.health.v1's HealthCheckRequest is one string field 1 and its response one enum (a varint)
# field 1: on the wire they are protobuf's StringValue and Int32Value, which spares the client
# a second copy of the health messages (and a clash with grpcio-health-checking's, if loaded).
_HEALTH_CHECK = "/grpc.health.v1.Health/Check"
_SERVING_STATUS = {0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}


@dataclass(frozen=True)
class TransformResult:
    """The encoded image, and what it is: format, size, byte count, the quality chosen."""

    image: bytes
    info: pb.ImageInfo


def _with_info(info: pb.ImageInfo, present: bool) -> pb.ImageInfo:
    if not present:
        raise ImageServiceError(grpc.StatusCode.INTERNAL, "the response has no info: is this a pixelrpc image service?")
    return info


def _start(open_call: Callable[[], _Call]) -> _Call:
    # grpc.aio refuses a call on a closed channel at once, with an error of its own rather than a status.
    try:
        return open_call()
    except aio.UsageError as error:
        raise ImageServiceError(grpc.StatusCode.UNAVAILABLE, f"the call could not start: {error}") from error


async def _unary(open_call: Callable[[], Any]) -> Any:
    """Awaits the call `open_call` starts; the caller annotates what it returns (protoc's stubs are untyped)."""
    call = _start(open_call)
    # Cancelling the awaiting task cancels the call: grpc.aio does that on CancelledError.
    try:
        return await call
    except aio.AioRpcError as error:
        raise ImageServiceError.from_rpc_error(error) from error


async def _server_stream(open_call: Callable[[], Any]) -> AsyncIterator[Any]:
    call = _start(open_call)
    try:
        async for message in call:
            yield message
    except aio.AioRpcError as error:
        raise ImageServiceError.from_rpc_error(error) from error
    finally:
        # Left early (a break, a cancelled task, an exception in the loop's body): the service stops working on it.
        call.cancel()


class ImageClient:
    """A connection to a pixelrpc image service at ``target``: "host:port", several replicas
    ("ipv4:10.0.0.1:50051,10.0.0.2:50051"), a name with many records ("dns:///images:50051"),
    or any other gRPC target. Calls are spread over the replicas (round_robin) and retried on
    another when one answers UNAVAILABLE, as the TypeScript client does.

    Use it as ``async with ImageClient("localhost:50051") as images: ...``, or call
    :meth:`close` when done. Every method checks its request against the proto before sending
    it (a misspelt field, an unknown enum name, a value of the wrong type raise
    :class:`RequestShapeError`), takes a ``timeout`` in seconds (past it: DEADLINE_EXCEEDED),
    and raises :class:`ImageServiceError` when the call fails. Cancelling the task that awaits
    a call, or leaving a stream's loop early, cancels the call on the service too.
    """

    def __init__(
        self,
        target: str,
        *,
        tls: Tls | None = None,
        credentials: grpc.ChannelCredentials | None = None,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
        options: Iterable[ChannelOption] = (),
    ) -> None:
        """``tls`` (or any gRPC ``credentials``) secures the channel; the default is plaintext.
        ``max_attempts`` (1 to 5, default 3) bounds the attempts per call; ``max_message_bytes``
        (default 32 MiB, as the service's) the largest message either way; ``options`` are more
        gRPC channel options, which win over these."""
        self._channel = open_channel(
            target,
            tls=tls,
            credentials=credentials,
            max_attempts=max_attempts,
            max_message_bytes=max_message_bytes,
            options=options,
        )
        # protoc's gRPC plugin writes no types: each method's request and response are typed where it is called.
        self._stub = pb_grpc.ImageServiceStub(self._channel)  # type: ignore[no-untyped-call]
        self._health = self._channel.unary_unary(
            _HEALTH_CHECK,
            request_serializer=wrappers_pb2.StringValue.SerializeToString,
            response_deserializer=wrappers_pb2.Int32Value.FromString,
        )

    async def __aenter__(self) -> ImageClient:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self, grace: float | None = None) -> None:
        """Closes the channel. Calls still in flight are cancelled, after ``grace`` seconds if given."""
        await self._channel.close(grace)

    @property
    def channel(self) -> aio.Channel:
        """The underlying grpc.aio channel, for what this API does not cover."""
        return self._channel

    async def transform(
        self,
        image: ImageBytes | None = None,
        *,
        url: str | None = None,
        operations: Iterable[OperationLike] = (),
        output: OutputLike | None = None,
        input: InputLike | None = None,
        preset: str = "",
        timeout: float | None = None,
    ) -> TransformResult:
        """Decodes ``image`` (or fetches ``url``), applies ``operations`` in order and encodes the
        result as ``output`` says (by default in the input's format). A ``preset`` (one of the
        service's IMAGE_PRESETS_FILE) runs its operations first; ``output``'s set fields override its."""
        request = transform_request(image, url, operations, output, input, preset)
        response: pb.TransformResponse = await _unary(lambda: self._stub.Transform(request, timeout=timeout))
        return TransformResult(response.image, _with_info(response.info, response.HasField("info")))

    async def info(
        self,
        image: ImageBytes | None = None,
        *,
        url: str | None = None,
        placeholders: bool = False,
        timeout: float | None = None,
    ) -> pb.InfoResponse:
        """Describes an image: format, displayed size, orientation, colour space, dominant colour,
        and with ``placeholders`` a BlurHash, a ThumbHash and a tiny data: URL."""
        request = info_request(image, url, placeholders)
        response: pb.InfoResponse = await _unary(lambda: self._stub.Info(request, timeout=timeout))
        _with_info(response.info, response.HasField("info"))
        return response

    def transform_stream(
        self,
        image: ImageBytes | None = None,
        *,
        url: str | None = None,
        operations: Iterable[OperationLike] = (),
        output: OutputLike | None = None,
        input: InputLike | None = None,
        preset: str = "",
        chunk_size: int = 0,
        timeout: float | None = None,
    ) -> AsyncIterator[pb.TransformStreamResponse]:
        """Transform for results of any size, with progress: yields progress events, then the
        result's info, then the image in chunks of at most ``chunk_size`` bytes (see
        :func:`collect_image`). The request is checked now; the call starts when iteration does."""
        request = transform_stream_request(image, url, operations, output, input, preset, chunk_size)
        return _server_stream(lambda: self._stub.TransformStream(request, timeout=timeout))

    def variants(
        self,
        image: ImageBytes | None = None,
        *,
        url: str | None = None,
        variants: Iterable[VariantLike],
        input: InputLike | None = None,
        timeout: float | None = None,
    ) -> AsyncIterator[pb.VariantsResponse]:
        """Many outputs from one source (at most 16, each with a unique name): yields each as soon
        as the service has encoded it, in the order they finish. A variant that failed has
        ``error`` set; the others still arrive. The request is checked now; the call starts when
        iteration does."""
        request = variants_request(image, url, variants, input)
        return _server_stream(lambda: self._stub.Variants(request, timeout=timeout))

    async def health(self, *, timeout: float | None = None) -> str:
        """The image service's health from the standard grpc.health.v1 service: "SERVING" while
        it takes work, "NOT_SERVING" once it is shutting down."""
        response: wrappers_pb2.Int32Value = await _unary(
            lambda: self._health(wrappers_pb2.StringValue(value=IMAGE_SERVICE_NAME), timeout=timeout)
        )
        return _SERVING_STATUS.get(response.value, f"STATUS_{response.value}")


async def collect_image(
    events: AsyncIterator[pb.TransformStreamResponse],
    on_progress: Callable[[pb.Progress], None] | None = None,
) -> TransformResult:
    """Collects a :meth:`ImageClient.transform_stream` into one result, calling ``on_progress``
    for each progress event on the way. The chunks must add up to the size the info announced
    (the stream's contract): otherwise DATA_LOSS."""
    info: pb.ImageInfo | None = None
    chunks: list[bytes] = []
    async for event in events:
        kind = event.WhichOneof("event")
        if kind == "progress":
            if on_progress is not None:
                on_progress(event.progress)
        elif kind == "info":
            info = event.info
        elif kind == "chunk":
            if info is None:
                raise ImageServiceError(
                    grpc.StatusCode.INTERNAL,
                    "the stream sent image bytes before their info: is this a pixelrpc image service?",
                )
            chunks.append(event.chunk)
    if info is None:
        raise ImageServiceError(
            grpc.StatusCode.INTERNAL, "the stream ended without info: is this a pixelrpc image service?"
        )
    image = b"".join(chunks)
    if len(image) != info.size_bytes:
        raise ImageServiceError(
            grpc.StatusCode.DATA_LOSS, f"the stream carried {len(image)} bytes where info announced {info.size_bytes}"
        )
    return TransformResult(image, info)
