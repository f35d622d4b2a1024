"""transform_stream() and variants() as async iterators."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image

import pixelrpc
from pixelrpc import messages

PHOTO = "2569067123_aca715a2ee_o.jpg"


async def test_a_transform_stream_sends_progress_then_info_then_chunks_that_collect_to_the_image(
    images: pixelrpc.ImageClient, fixture: Callable[[str], bytes]
) -> None:
    events = [
        event
        async for event in images.transform_stream(
            fixture(PHOTO),
            operations=[{"resize": {"width": 1600}}],
            output={"format": "FORMAT_JPEG", "quality": 90},
            chunk_size=16_384,
            timeout=30,
        )
    ]
    kinds = [event.WhichOneof("event") for event in events]
    first_info = kinds.index("info")
    assert set(kinds[:first_info]) == {"progress"} and kinds.count("info") == 1
    assert set(kinds[first_info + 1 :]) == {"chunk"} and len(kinds) - first_info - 1 > 1
    assert all(len(event.chunk) <= 16_384 for event in events[first_info + 1 :])
    stages = [event.progress.stage for event in events[:first_info]]
    assert messages.STAGE_ENCODING in stages

    seen: list[int] = []
    result = await pixelrpc.collect_image(
        images.transform_stream(
            fixture(PHOTO), operations=[{"resize": {"width": 1600}}], output={"format": "FORMAT_JPEG", "quality": 90}
        ),
        on_progress=lambda progress: seen.append(progress.stage),
    )
    image = Image.open(io.BytesIO(result.image))
    assert (image.format, image.size) == ("JPEG", (1600, 1306))
    assert result.info.size_bytes == len(result.image) and seen == stages


async def test_variants_arrive_as_each_finishes_and_a_failed_one_does_not_stop_the_others(
    images: pixelrpc.ImageClient, fixture: Callable[[str], bytes]
) -> None:
    specs: list[messages.VariantSpec | dict[str, object]] = [
        {"name": f"w{width}", "operations": [{"resize": {"width": width}}], "output": {"format": "FORMAT_WEBP"}}
        for width in (320, 640, 1280)
    ]
    # Larger than the service's largest output side: this variant alone fails.
    specs.append(
        messages.VariantSpec(name="huge", operations=[messages.Operation(resize=messages.Resize(width=60_000))])
    )
    arrived = {variant.name: variant async for variant in images.variants(fixture(PHOTO), variants=specs, timeout=60)}
    assert sorted(arrived) == ["huge", "w1280", "w320", "w640"]
    for width in (320, 640, 1280):
        variant = arrived[f"w{width}"]
        assert not variant.HasField("error")
        image = Image.open(io.BytesIO(variant.image))
        assert (image.format, image.width) == ("WEBP", width) and variant.info.width == width
    failed = arrived["huge"]
    assert failed.error.code == 3 and "60000" in failed.error.message and not failed.image
