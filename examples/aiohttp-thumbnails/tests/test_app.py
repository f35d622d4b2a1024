"""The example app in each mode, as a process of its own, called over real HTTP."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from PIL import Image

from pixelrpc_harness import Service, start_service

APP = Path(__file__).resolve().parent.parent / "app.py"
PHOTO = "2569067123_aca715a2ee_o.jpg"  # 2725x2225: 320x261


@contextmanager
def running_app(mode: str, image_service: str = "127.0.0.1:1", *extra: str) -> Iterator[str]:
    """The app in ``mode`` on a free port; yields its base URL."""
    process = subprocess.Popen(
        [sys.executable, str(APP), "--mode", mode, "--port", "0", "--image-service", image_service, *extra],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = json.loads(process.stdout.readline())
        assert line["event"] == "listening" and line["mode"] == mode
        yield f"http://{line['address']}"
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        yield session


@pytest.fixture(scope="module", params=["loop", "executor", "pixelrpc"])
def app(request: pytest.FixtureRequest, service: Service) -> Iterator[str]:
    with running_app(request.param, service.address) as url:
        yield url


async def test_every_mode_makes_the_320_wide_webp(
    app: str, http: aiohttp.ClientSession, fixture: Callable[[str], bytes]
) -> None:
    async with http.post(f"{app}/thumbnail", data=fixture(PHOTO)) as response:
        assert response.status == 200 and response.content_type == "image/webp"
        image = Image.open(io.BytesIO(await response.read()))
    assert (image.format, image.size) == ("WEBP", (320, 261))
    form = aiohttp.FormData()
    form.add_field("image", fixture("Portrait_6.jpg"), filename="portrait.jpg", content_type="image/jpeg")
    async with http.post(f"{app}/thumbnail", data=form) as response:
        assert response.status == 200
        # EXIF orientation 6: 450x600 as displayed.
        assert Image.open(io.BytesIO(await response.read())).size == (320, 427)
    async with http.get(f"{app}/health") as response:
        assert response.status == 200 and await response.text() == "ok"


HOSTILE: list[tuple[str, str, str, Any, int]] = [
    ("GET on the upload route", "GET", "/thumbnail", None, 405),
    ("an empty body", "POST", "/thumbnail", b"", 400),
    ("an unknown route", "POST", "/thumbnails", b"x", 404),
    ("an encoded path", "POST", "/%74humbnail%2F", b"x", 404),
    ("a body over 32 MiB", "POST", "/thumbnail", b"\0" * (32 * 1024 * 1024 + 1), 413),
]


@pytest.mark.parametrize("method,path,body,status", [case[1:] for case in HOSTILE], ids=[case[0] for case in HOSTILE])
async def test_hostile_requests_get_a_clear_status(
    app: str, http: aiohttp.ClientSession, method: str, path: str, body: Any, status: int
) -> None:
    # A connection of its own: after refusing a body unread, the app's server cannot reuse it.
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as once:
        # A stream, as aiohttp asks for large bodies.
        async with once.request(method, f"{app}{path}", data=io.BytesIO(body) if body else body) as response:
            assert response.status == status
    async with http.get(f"{app}/health") as response:
        assert response.status == 200


async def test_a_multipart_form_without_the_image_field_is_refused(app: str, http: aiohttp.ClientSession) -> None:
    form = aiohttp.FormData()
    form.add_field("picture", b"x", filename="a.jpg")
    async with http.post(f"{app}/thumbnail", data=form) as response:
        assert response.status == 400 and '"image"' in await response.text()


async def test_pixelrpc_mode_returns_the_services_error_to_the_caller(
    service: Service, http: aiohttp.ClientSession, fixture: Callable[[str], bytes]
) -> None:
    with running_app("pixelrpc", service.address) as url:
        for name, status, fragment in [("corrupt-header.jpg", 400, ""), ("giant-image.jpg", 400, "pixels")]:
            async with http.post(f"{url}/thumbnail", data=io.BytesIO(fixture(name))) as response:
                assert response.status == status and response.content_type == "application/problem+json"
                body = await response.json()
                assert body["status"] == status and fragment in body["detail"] and body["detail"]


async def test_the_question_and_the_accepted_answer_answer_a_corrupt_image_with_a_bare_500(
    http: aiohttp.ClientSession, fixture: Callable[[str], bytes]
) -> None:
    for mode in ("loop", "executor"):
        with running_app(mode) as url:
            async with http.post(f"{url}/thumbnail", data=fixture("corrupt-header.jpg")) as response:
                assert response.status == 500


async def test_the_accepted_answers_fire_and_forget_loses_the_error(
    http: aiohttp.ClientSession, fixture: Callable[[str], bytes]
) -> None:
    with running_app("executor") as url:
        async with http.post(f"{url}/thumbnail/later", data=fixture("320x240.jpg")) as response:
            assert response.status == 202
            good = (await response.json())["result"]
        async with http.post(f"{url}/thumbnail/later", data=fixture("corrupt-header.jpg")) as response:
            # Accepted, though the image can never be read: the caller is told nothing is wrong.
            assert response.status == 202
            lost = (await response.json())["result"]
        await asyncio.sleep(1)
        async with http.get(f"{url}{good}") as response:
            assert response.status == 200 and Image.open(io.BytesIO(await response.read())).width == 320
        async with http.get(f"{url}{lost}") as response:
            # The exception died in the pool: "not yet", for ever.
            assert response.status == 404


async def test_pixelrpc_mode_sheds_a_burst_with_503_and_its_own_bound_with_429(
    http: aiohttp.ClientSession, fixture: Callable[[str], bytes]
) -> None:
    narrow = start_service({"IMAGE_POOL_THREADS": "1", "IMAGE_MAX_QUEUE": "1"})
    try:
        photo = fixture(PHOTO)

        async def post(url: str) -> tuple[int, str | None]:
            async with http.post(f"{url}/thumbnail", data=photo) as response:
                await response.read()
                return response.status, response.headers.get("Retry-After")

        with running_app("pixelrpc", narrow.address) as url:
            answers = await asyncio.gather(*(post(url) for _ in range(8)))
            assert {status for status, _ in answers} == {200, 503}, answers
            assert all(retry == "1" for status, retry in answers if status == 503)
        with running_app("pixelrpc", narrow.address, "--max-pending", "2") as url:
            answers = await asyncio.gather(*(post(url) for _ in range(8)))
            assert 429 in {status for status, _ in answers} and 200 in {status for status, _ in answers}, answers
    finally:
        assert narrow.stop() == 0
