"""A pytest plugin: the real image service, started as `npm start` starts it, for the Python
tests (clients/python, examples/aiohttp-thumbnails) to call over loopback.

The harness's runPytest (harness/src/python.ts) loads it and says how: PIXELRPC_NODE and PIXELRPC_IMAGE_SERVICE
(node's arguments and the start script's environment, as JSON), PIXELRPC_FIXTURES (the shared
real-world images) and PIXELRPC_PKI (a throwaway CA with server and client certificates).
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import pixelrpc


def _setting(name: str) -> str:
    value = os.environ.get(name)
    if value is None:
        pytest.exit(f"{name} is not set: run these tests with npm test, which starts pytest through the harness", returncode=2)
    return value


@dataclass
class Service:
    """An image service process and the JSON lines it has logged."""

    process: subprocess.Popen[str]
    address: str
    logs: list[dict[str, Any]] = field(default_factory=list)
    reader: threading.Thread | None = None

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
        code = self.process.wait(timeout=30)
        if self.reader is not None:
            self.reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()
        return code


def start_service(env: dict[str, str] | None = None) -> Service:
    """Starts the image service on a free loopback port with ``env`` on top, and waits until it listens."""
    spec = json.loads(_setting("PIXELRPC_IMAGE_SERVICE"))
    process = subprocess.Popen(
        [_setting("PIXELRPC_NODE"), *spec["args"]],
        env={**os.environ, **spec["env"], "IMAGE_GRPC_ADDR": "127.0.0.1:0", **(env or {})},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    logs: list[dict[str, Any]] = []
    for line in process.stdout:
        logs.append(json.loads(line))
        if logs[-1].get("event") == "listening":
            break
    else:
        raise RuntimeError(f"the image service exited with {process.wait()} before listening; logs: {logs}")
    # Keep reading, so that a full pipe never stalls the service.
    stdout = process.stdout
    reader = threading.Thread(target=lambda: logs.extend(json.loads(line) for line in stdout), daemon=True)
    reader.start()
    return Service(process, str(logs[-1]["address"]), logs, reader)


@pytest.fixture(scope="session")
def service() -> Iterator[Service]:
    running = start_service()
    yield running
    assert running.stop() == 0


@pytest.fixture
async def images(service: Service) -> AsyncIterator[pixelrpc.ImageClient]:
    async with pixelrpc.ImageClient(service.address) as client:
        yield client


@pytest.fixture(scope="session")
def fixture() -> Callable[[str], bytes]:
    """The bytes of a shared real-world image, by name."""
    folder = Path(_setting("PIXELRPC_FIXTURES"))
    return lambda name: (folder / name).read_bytes()


@pytest.fixture(scope="session")
def pki() -> Callable[[str], Path]:
    """The path of a file of the throwaway PKI: "ca.pem", "server.key", "client.pem", "rogue-client.key", ..."""
    folder = Path(_setting("PIXELRPC_PKI"))
    return lambda name: folder / name
