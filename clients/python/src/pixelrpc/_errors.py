"""The one exception every failed call raises."""

from __future__ import annotations

from collections.abc import Iterable

import grpc
from grpc import aio

from ._wire import RETRY_PUSHBACK_METADATA_KEY, RETRYABLE_METADATA_KEY

Metadata = tuple[tuple[str, str | bytes], ...]


class ImageServiceError(Exception):
    """A call failed: the gRPC status code and the service's message, which says what was wrong
    ("operations[0].resize.width must be ...", "image is 20000x14000 pixels ...")."""

    code: grpc.StatusCode
    details: str
    trailing_metadata: Metadata

    def __init__(
        self, code: grpc.StatusCode, details: str, trailing_metadata: Iterable[tuple[str, str | bytes]] = ()
    ) -> None:
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details
        self.trailing_metadata = tuple(trailing_metadata)

    def _metadata(self, key: str) -> str | bytes | None:
        return next((value for name, value in self.trailing_metadata if name == key), None)

    @property
    def retryable(self) -> bool:
        """Whether the same call may succeed later: UNAVAILABLE (the service is restarting or
        unreachable), and RESOURCE_EXHAUSTED when the service says so (its queue was full, as
        opposed to the image running into a limit, which a retry would only repeat)."""
        if self.code == grpc.StatusCode.UNAVAILABLE:
            return True
        return self.code == grpc.StatusCode.RESOURCE_EXHAUSTED and self._metadata(RETRYABLE_METADATA_KEY) == "true"

    @property
    def automatic_retry_refused(self) -> bool:
        """Whether the service asked clients not to retry this call on their own (gRPC server
        pushback below 0): it failed for a reason every replica shares, such as a URL source
        whose origin is down."""
        pushback = self._metadata(RETRY_PUSHBACK_METADATA_KEY)
        try:
            return pushback is not None and int(pushback) < 0
        except ValueError:
            return False

    @classmethod
    def from_rpc_error(cls, error: aio.AioRpcError) -> ImageServiceError:
        metadata = error.trailing_metadata() or ()
        return cls(error.code(), error.details() or "", tuple((str(key), value) for key, value in metadata))


class RequestShapeError(ImageServiceError, ValueError):
    """A request that does not fit the proto (a misspelt field, an enum name it lacks, a value of
    the wrong type), refused before it is sent, with the INVALID_ARGUMENT the service would answer."""

    def __init__(self, details: str) -> None:
        super().__init__(grpc.StatusCode.INVALID_ARGUMENT, details)
