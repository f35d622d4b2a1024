"""Deadlines, cancellation, load shedding, health and replicas, on services of their own."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import pytest
from PIL import Image

import pixelrpc
from pixelrpc_harness import Service, start_service

PHOTO = "2569067123_aca715a2ee_o.jpg"
# Most of a minute of one core in libheif's encoder, which nothing interrupts from inside.
ENDLESS_AVIF: dict[str, Any] = {
    "operations": [{"resize": {"width": 2700}}],
    "output": {"format": "FORMAT_AVIF", "effort": 6},
}
QUICK: dict[str, Any] = {"operations": [{"resize": {"width": 32}}], "output": {"format": "FORMAT_PNG"}}


@pytest.fixture(scope="module")
def one_thread() -> Iterator[Service]:
    """One worker and a queue of one: a call left running would hold up the next at once."""
    running = start_service({"IMAGE_POOL_THREADS": "1", "IMAGE_MAX_QUEUE": "1"})
    yield running
    assert running.stop() == 0


async def assert_free_again(images: pixelrpc.ImageClient, fixture: Callable[[str], bytes]) -> None:
    """The worker is free: a quick call is answered at once, not after the abandoned encode."""
    await asyncio.sleep(0.3)
    started = time.monotonic()
    result = await images.transform(fixture("320x240.jpg"), **QUICK, timeout=10)
    assert Image.open(io.BytesIO(result.image)).width == 32
    assert time.monotonic() - started < 1.5, f"the next call took {time.monotonic() - started:.2f} s"


async def test_a_deadline_the_encode_cannot_meet_is_refused_before_it_starts(
    one_thread: Service, fixture: Callable[[str], bytes]
) -> None:
    async with pixelrpc.ImageClient(one_thread.address) as images:
        with pytest.raises(pixelrpc.ImageServiceError) as caught:
            await images.transform(fixture(PHOTO), **ENDLESS_AVIF, timeout=1.0)
        assert caught.value.code == grpc.StatusCode.RESOURCE_EXHAUSTED and not caught.value.retryable
        assert "predicted to take" in caught.value.details


async def test_a_passed_deadline_ends_the_call_with_deadline_exceeded(
    one_thread: Service, fixture: Callable[[str], bytes]
) -> None:
    async with pixelrpc.ImageClient(one_thread.address) as images:
        # A blur no prediction covers: an AVIF encode that long would be refused up front for this deadline.
        green = io.BytesIO()
        Image.new("RGB", (1000, 1000), (10, 200, 30)).save(green, "PNG")
        started = time.monotonic()
        with pytest.raises(pixelrpc.ImageServiceError) as caught:
            await images.transform(green.getvalue(), operations=[{"blur": {"sigma": 1000}}], timeout=1.0)
        assert caught.value.code == grpc.StatusCode.DEADLINE_EXCEEDED
        assert time.monotonic() - started < 1.5
        await assert_free_again(images, fixture)


async def test_cancelling_the_task_cancels_the_call_on_the_service(
    one_thread: Service, fixture: Callable[[str], bytes]
) -> None:
    async with pixelrpc.ImageClient(one_thread.address) as images:
        call = asyncio.create_task(images.transform(fixture(PHOTO), **ENDLESS_AVIF))
        await asyncio.sleep(0.5)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        await assert_free_again(images, fixture)


async def test_leaving_a_stream_early_cancels_it(one_thread: Service, fixture: Callable[[str], bytes]) -> None:
    async with pixelrpc.ImageClient(one_thread.address) as images:
        stream = images.transform_stream(fixture(PHOTO), **ENDLESS_AVIF)
        async for event in stream:
            if event.progress.stage == pixelrpc.messages.STAGE_STARTED:
                break
        del stream
        variants = images.variants(fixture(PHOTO), variants=[{"name": "slow", **ENDLESS_AVIF}])

        async def first() -> pixelrpc.messages.VariantsResponse:
            return await anext(aiter(variants))

        reader = asyncio.create_task(first())
        await asyncio.sleep(0.5)
        assert not reader.done()
        reader.cancel()
        with pytest.raises(asyncio.CancelledError):
            await reader
        await variants.aclose()  # type: ignore[attr-defined]
        await assert_free_again(images, fixture)


async def test_a_full_queue_sheds_with_a_retryable_resource_exhausted(
    one_thread: Service, fixture: Callable[[str], bytes]
) -> None:
    async with pixelrpc.ImageClient(one_thread.address) as images:
        photo = fixture(PHOTO)
        slow: dict[str, Any] = {
            "operations": [{"resize": {"width": 2000}}],
            "output": {"format": "FORMAT_WEBP", "effort": 6},
        }
        calls = [asyncio.create_task(images.transform(photo, **slow, timeout=60)) for _ in range(6)]
        outcomes = await asyncio.gather(*calls, return_exceptions=True)
        shed = [outcome for outcome in outcomes if isinstance(outcome, pixelrpc.ImageServiceError)]
        done = [outcome for outcome in outcomes if isinstance(outcome, pixelrpc.TransformResult)]
        assert len(shed) + len(done) == 6 and shed and done, outcomes
        for error in shed:
            assert error.code == grpc.StatusCode.RESOURCE_EXHAUSTED and error.retryable, error
        for result in done:
            assert Image.open(io.BytesIO(result.image)).size == (2000, 1633)


async def test_health_says_serving(images: pixelrpc.ImageClient) -> None:
    assert await images.health(timeout=5) == "SERVING"


async def test_calls_go_round_the_replicas_and_survive_one_going_away(fixture: Callable[[str], bytes]) -> None:
    replicas = [start_service(), start_service()]
    try:
        target = "ipv4:" + ",".join(replica.address for replica in replicas)
        async with pixelrpc.ImageClient(target) as images:
            for _ in range(6):
                await images.info(fixture("320x240.jpg"), timeout=10)
            served = [
                sum(
                    1
                    for line in replica.logs
                    if line.get("event") == "rpc" and line.get("method") == "Info" and line.get("code") == "OK"
                )
                for replica in replicas
            ]
            assert served[0] >= 2 and served[1] >= 2, f"calls per replica: {served}"
            assert replicas[0].stop() == 0
            for _ in range(6):
                assert (await images.info(fixture("320x240.jpg"), timeout=10)).info.width == 320
    finally:
        for replica in replicas:
            replica.stop()


async def test_a_service_that_is_not_there_is_unavailable_and_retryable() -> None:
    async with pixelrpc.ImageClient("127.0.0.1:1", max_attempts=1) as images:
        with pytest.raises(pixelrpc.ImageServiceError) as caught:
            await images.health(timeout=5)
    assert caught.value.code == grpc.StatusCode.UNAVAILABLE and caught.value.retryable


async def test_a_call_on_a_closed_client_is_unavailable(service: Service, fixture: Callable[[str], bytes]) -> None:
    images = pixelrpc.ImageClient(service.address)
    assert (await images.info(fixture("320x240.jpg"), timeout=10)).info.width == 320
    await images.close()
    for call in (images.info(fixture("320x240.jpg")), images.health()):
        with pytest.raises(pixelrpc.ImageServiceError, match="the call could not start") as caught:
            await call
        assert caught.value.code == grpc.StatusCode.UNAVAILABLE
    with pytest.raises(pixelrpc.ImageServiceError, match="the call could not start"):
        async for _ in images.variants(fixture("320x240.jpg"), variants=[{"name": "x"}]):
            pass
