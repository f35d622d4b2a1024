"""The channel every client opens: TLS or plaintext, the service config and limits the clients share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from grpc import aio

from ._wire import (
    DEFAULT_MAX_ATTEMPTS,
    KEEPALIVE_TIME_MS,
    KEEPALIVE_TIMEOUT_MS,
    MAX_ATTEMPTS_LIMIT,
    SERVICE_CONFIGS,
)

ChannelOption = tuple[str, Any]


@dataclass(frozen=True)
class Tls:
    """PEM-encoded material for a TLS or mutual-TLS connection to the image service."""

    ca: bytes | None = None
    """CA certificates that may sign the server's certificate; default: gRPC's bundled roots."""
    cert: bytes | None = None
    """This client's certificate chain, for mutual TLS; give ``key`` with it."""
    key: bytes | None = None
    """The private key of ``cert``."""
    server_name: str | None = None
    """The name the server's certificate must carry, when it is not the target's host (an IP address, say)."""

    def __post_init__(self) -> None:
        if (self.cert is None) != (self.key is None):
            raise ValueError("a client certificate needs its key: give both cert and key, or neither")

    @classmethod
    def from_files(
        cls,
        ca: str | Path | None = None,
        cert: str | Path | None = None,
        key: str | Path | None = None,
        server_name: str | None = None,
    ) -> Tls:
        """Reads the PEM files named, with an error that says which one could not be read."""

        def read(what: str, path: str | Path | None) -> bytes | None:
            if path is None:
                return None
            try:
                return Path(path).read_bytes()
            except OSError as error:
                raise ValueError(f"cannot read the TLS {what} file {path}: {error.strerror}") from error

        return cls(read("CA", ca), read("certificate", cert), read("key", key), server_name)


def open_channel(
    target: str,
    *,
    tls: Tls | None,
    credentials: grpc.ChannelCredentials | None,
    max_attempts: int,
    max_message_bytes: int,
    options: Iterable[ChannelOption],
) -> aio.Channel:
    if tls is not None and credentials is not None:
        raise ValueError("give either tls or credentials, not both")
    if type(max_attempts) is not int or max_attempts not in SERVICE_CONFIGS:
        raise ValueError(
            f"max_attempts must be a whole number from 1 to {MAX_ATTEMPTS_LIMIT} (gRPC caps retries at "
            f"{MAX_ATTEMPTS_LIMIT}; default {DEFAULT_MAX_ATTEMPTS}), got {max_attempts!r}"
        )
    if isinstance(max_message_bytes, bool) or not isinstance(max_message_bytes, int) or max_message_bytes < 1:
        raise ValueError(f"max_message_bytes must be a positive whole number, got {max_message_bytes!r}")
    settings: dict[str, Any] = {
        "grpc.max_receive_message_length": max_message_bytes,
        "grpc.max_send_message_length": max_message_bytes,
        "grpc.service_config": SERVICE_CONFIGS[max_attempts],
        "grpc.enable_retries": 1,
        # A retry resends the request, so gRPC must keep it: an image can be as large as a message.
        "grpc.per_rpc_retry_buffer_size": max_message_bytes,
        "grpc.retry_buffer_size": max(4 * max_message_bytes, 1 << 24),
        "grpc.keepalive_time_ms": KEEPALIVE_TIME_MS,
        "grpc.keepalive_timeout_ms": KEEPALIVE_TIMEOUT_MS,
    }
    if tls is not None:
        credentials = grpc.ssl_channel_credentials(
            root_certificates=tls.ca, private_key=tls.key, certificate_chain=tls.cert
        )
        if tls.server_name:
            settings["grpc.ssl_target_name_override"] = tls.server_name
            settings["grpc.default_authority"] = tls.server_name
    # The caller's own options win over these defaults (a grpc.service_config of their own, say).
    settings.update(dict(options))
    if credentials is None:
        return aio.insecure_channel(target, options=list(settings.items()))
    return aio.secure_channel(target, credentials, options=list(settings.items()))
