"""transform() and info() against the real service, their outputs decoded with Pillow."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from pathlib import Path

import grpc
import pytest
from PIL import Image

import pixelrpc
from pixelrpc import messages
from pixelrpc_harness import start_service

PHOTO = "2569067123_aca715a2ee_o.jpg"  # 2725x2225


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


async def test_a_transform_from_dicts_makes_the_webp_asked_for(
    images: pixelrpc.ImageClient, fixture: Callable[[str], bytes]
) -> None:
    result = await images.transform(
        fixture(PHOTO),
        operations=[{"resize": {"width": 800}}],
        output={"format": "FORMAT_WEBP", "quality": 80},
        timeout=30,
    )
    image = decoded(result.image)
    assert (image.format, image.size) == ("WEBP", (800, 653))
    assert result.info.format == messages.FORMAT_WEBP
    assert (result.info.width, result.info.height, result.info.size_bytes) == (800, 653, len(result.image))
    assert result.info.quality == 80


async def test_generated_messages_work_as_the_dicts_do_and_snake_case_keys_too(
    images: pixelrpc.ImageClient, fixture: Callable[[str], bytes]
) -> None:
    source = fixture("320x240.jpg")
    as_messages = await images.transform(
        source,
        operations=[
            messages.Operation(
                resize=messages.Resize(width=100, height=100, fit=messages.FIT_CONTAIN, background="#ff0000")
            ),
            messages.Operation(flop=messages.Flop()),
        ],
        output=messages.OutputOptions(format=messages.FORMAT_PNG),
    )
    as_dicts = await images.transform(
        bytearray(source),
        operations=[
            {"resize": {"width": 100, "height": 100, "fit": "FIT_CONTAIN", "background": "#ff0000"}},
            {"flop": {}},
        ],
        output={"format": "FORMAT_PNG"},
    )
    assert as_messages.image == as_dicts.image
    image = decoded(as_dicts.image).convert("RGB")
    assert image.size == (100, 100)
    # 320x240 fits in 100x75: the letterbox above and below is the red background.
    assert image.getpixel((50, 2)) == (255, 0, 0)
    assert image.getpixel((50, 97)) == (255, 0, 0)
    snake = await images.transform(
        source, operations=[{"resize": {"width": 50, "without_enlargement": True}}], output={"format": 2}
    )
    assert decoded(snake.image).size == (50, 38)


async def test_raw_bytes_inside_a_dict_are_the_overlay_image_itself(
    images: pixelrpc.ImageClient, fixture: Callable[[str], bytes]
) -> None:
    white = io.BytesIO()
    Image.new("RGB", (10, 10), (255, 255, 255)).save(white, "PNG")
    result = await images.transform(
        fixture("320x240.jpg"),
        operations=[
            {"resize": {"width": 40}},
            {"composite": {"image": white.getvalue(), "gravity": "POSITION_LEFT_TOP"}},
        ],
        output={"format": "FORMAT_PNG"},
    )
    image = decoded(result.image).convert("RGB")
    assert image.getpixel((5, 5)) == (255, 255, 255)
    assert image.getpixel((30, 20)) != (255, 255, 255)


async def test_exif_orientation_is_applied(images: pixelrpc.ImageClient, fixture: Callable[[str], bytes]) -> None:
    result = await images.transform(fixture("Portrait_6.jpg"), output={"format": "FORMAT_JPEG"})
    assert decoded(result.image).size == (450, 600)


async def test_info_describes_the_image_and_computes_placeholders_when_asked(
    images: pixelrpc.ImageClient, fixture: Callable[[str], bytes]
) -> None:
    plain = await images.info(fixture(PHOTO))
    assert (plain.info.format, plain.info.width, plain.info.height) == (messages.FORMAT_JPEG, 2725, 2225)
    assert plain.color_space == "srgb" and plain.bits_per_sample == 8
    assert not plain.HasField("placeholders")
    rotated = await images.info(fixture("Portrait_6.jpg"))
    assert (rotated.orientation, rotated.info.width, rotated.info.height) == (6, 450, 600)
    with_placeholders = await images.info(fixture(PHOTO), placeholders=True, timeout=30)
    lqip = with_placeholders.placeholders.lqip
    assert lqip.startswith("data:image/webp;base64,") and len(lqip) <= 1024
    tiny = decoded(base64.b64decode(lqip.split(",", 1)[1]))
    assert tiny.format == "WEBP" and max(tiny.size) == 32
    assert len(with_placeholders.placeholders.blurhash) > 6
    assert base64.b64decode(with_placeholders.placeholders.thumbhash)


async def test_max_bytes_finds_the_quality_that_fits(
    images: pixelrpc.ImageClient, fixture: Callable[[str], bytes]
) -> None:
    result = await images.transform(
        fixture(PHOTO),
        operations=[{"resize": {"width": 800}}],
        output={"format": "FORMAT_WEBP", "maxBytes": 30_000},
        timeout=30,
    )
    assert len(result.image) <= 30_000
    assert 1 <= result.info.quality < 80
    assert decoded(result.image).size == (800, 653)


@pytest.mark.parametrize("placeholders", [False, True])
async def test_info_from_bytes_of_any_buffer_type(
    images: pixelrpc.ImageClient, fixture: Callable[[str], bytes], placeholders: bool
) -> None:
    response = await images.info(memoryview(fixture("blackbug.png")), placeholders=placeholders)
    assert response.info.format == messages.FORMAT_PNG and response.info.has_alpha
    assert response.HasField("placeholders") == placeholders


async def test_a_preset_runs_first_and_the_call_s_output_overrides_it(
    tmp_path: Path, fixture: Callable[[str], bytes]
) -> None:
    presets = tmp_path / "presets.json"
    presets.write_text(
        '{"thumbnail": {"operations": [{"resize": {"width": 160}}], "output": {"format": "FORMAT_WEBP"}}}'
    )
    running = start_service({"IMAGE_PRESETS_FILE": str(presets)})
    try:
        async with pixelrpc.ImageClient(running.address) as client:
            plain = await client.transform(fixture("320x240.jpg"), preset="thumbnail", timeout=10)
            assert (decoded(plain.image).format, decoded(plain.image).size) == ("WEBP", (160, 120))
            # Resized by the preset, then rotated by the call: 120x160; PNG overrides the preset's WebP.
            stream = client.transform_stream(
                fixture("320x240.jpg"),
                preset="thumbnail",
                operations=[{"rotate": {"angle": 90}}],
                output={"format": "FORMAT_PNG"},
                timeout=10,
            )
            image = decoded((await pixelrpc.collect_image(stream)).image)
            assert (image.format, image.size) == ("PNG", (120, 160))
            with pytest.raises(pixelrpc.ImageServiceError) as unknown:
                await client.transform(fixture("320x240.jpg"), preset="nope", timeout=10)
            assert unknown.value.code == grpc.StatusCode.INVALID_ARGUMENT
            assert unknown.value.details == 'preset "nope" is unknown; known: thumbnail'
            with pytest.raises(pixelrpc.RequestShapeError, match="preset must be a str"):
                await client.transform(fixture("320x240.jpg"), preset=3)  # type: ignore[arg-type]
    finally:
        assert running.stop() == 0
