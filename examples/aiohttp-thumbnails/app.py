"""The aiohttp thumbnail service from the question pixelrpc was built for, three ways.

    POST /thumbnail   the uploaded image (the body, or a multipart form's "image" field) as a 320-wide WebP
    GET  /health      "ok": what a load balancer polls, and what freezes when the event loop does

    python app.py --mode loop       PIL on the event loop: the question's code
    python app.py --mode executor   PIL on a thread pool through run_in_executor: the accepted answer
    python app.py --mode pixelrpc   the pixelrpc image service, through its asyncio client

The executor mode also has the accepted answer's fire-and-forget route, POST /thumbnail/later,
which answers 202 at once and leaves the work to the pool; GET /thumbnails/{id} serves the result
once it exists. The pixelrpc mode returns a failure to its caller as problem+json (400 for an image
it cannot read, 413 for one over the service's limits) and sheds load with 429 (this app's own
bound on uploads in flight) or 503 and Retry-After (the image service's queue is full).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import logging
import sys
import uuid
from collections.abc import Awaitable, Callable
from signal import SIGINT, SIGTERM

import grpc
from aiohttp import web
from PIL import Image, ImageOps

import pixelrpc

WIDTH = 320
QUALITY = 80
MAX_UPLOAD_BYTES = 32 * 1024 * 1024

Thumbnailer = Callable[[bytes], Awaitable[bytes]]


def pil_thumbnail(data: bytes) -> bytes:
    """What the question's handler did: decode, resize to 320 wide, encode as WebP. Every line blocks."""
    image = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    height = max(1, round(image.height * WIDTH / image.width))
    output = io.BytesIO()
    image.resize((WIDTH, height), Image.Resampling.LANCZOS).save(output, "WEBP", quality=QUALITY)
    return output.getvalue()


def problem(status: int, title: str, detail: str, headers: dict[str, str] | None = None) -> web.Response:
    """An RFC 9457 problem+json answer."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return web.Response(status=status, text=json.dumps(body), content_type="application/problem+json", headers=headers)


async def upload(request: web.Request) -> bytes:
    """The image: the whole body, or the "image" field of a multipart form."""
    if request.content_type == "multipart/form-data":
        form = await request.post()
        field = form.get("image")
        if not isinstance(field, web.FileField):
            raise web.HTTPBadRequest(text='a multipart upload carries the image in a file field named "image"')
        data = field.file.read()
    else:
        data = await request.read()
    if not data:
        raise web.HTTPBadRequest(text='no image: send it as the body, or as the multipart field "image"')
    return data


def loop_mode() -> Thumbnailer:
    async def thumbnail(data: bytes) -> bytes:
        return pil_thumbnail(data)

    return thumbnail


def executor_mode() -> Thumbnailer:
    async def thumbnail(data: bytes) -> bytes:
        return await asyncio.get_running_loop().run_in_executor(None, pil_thumbnail, data)

    return thumbnail


def pixelrpc_mode(images: pixelrpc.ImageClient) -> Thumbnailer:
    async def thumbnail(data: bytes) -> bytes:
        try:
            result = await images.transform(
                data,
                operations=[{"resize": {"width": WIDTH}}],
                output={"format": "FORMAT_WEBP", "quality": QUALITY},
                timeout=30,
            )
        except pixelrpc.ImageServiceError as error:
            raise Shed.from_error(error) from error
        return result.image

    return thumbnail


class Shed(Exception):
    """A failure that goes back to the caller as problem+json."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail

    @classmethod
    def from_error(cls, error: pixelrpc.ImageServiceError) -> Shed:
        if error.retryable:
            return cls(503, f"the image service is busy: {error.details}")
        statuses = {
            grpc.StatusCode.INVALID_ARGUMENT: 400,
            grpc.StatusCode.RESOURCE_EXHAUSTED: 413,
            grpc.StatusCode.DEADLINE_EXCEEDED: 504,
        }
        return cls(statuses.get(error.code, 502), error.details)

    def response(self) -> web.Response:
        titles = {400: "Bad Request", 413: "Content Too Large", 429: "Too Many Requests", 503: "Service Unavailable"}
        headers = {"Retry-After": "1"} if self.status in (429, 503) else None
        return problem(self.status, titles.get(self.status, "Bad Gateway"), self.detail, headers)


def make_app(thumbnailer: Thumbnailer, fire_and_forget: bool, max_pending: int | None = None) -> web.Application:
    """``max_pending`` bounds the uploads in flight: past it, 429 before the body is read."""
    app = web.Application(client_max_size=MAX_UPLOAD_BYTES)
    results: dict[str, bytes] = {}
    pending = 0

    async def health(_: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def thumbnail(request: web.Request) -> web.Response:
        nonlocal pending
        if max_pending is not None and pending >= max_pending:
            refused = Shed(429, f"{pending} thumbnails are in flight, this app's limit; try again shortly").response()
            # The upload is left unread, so the connection cannot carry another request.
            refused.force_close()
            return refused
        pending += 1
        try:
            return web.Response(body=await thumbnailer(await upload(request)), content_type="image/webp")
        except Shed as shed:
            return shed.response()
        finally:
            pending -= 1

    async def later(request: web.Request) -> web.Response:
        data = await upload(request)
        id = uuid.uuid4().hex

        def work() -> None:
            results[id] = pil_thumbnail(data)

        # The accepted answer: hand the work to the pool and answer now. Nobody awaits the future,
        # so an exception inside it reaches no one, and the pool's queue grows with every request.
        asyncio.get_running_loop().run_in_executor(None, work)
        return web.json_response({"id": id, "result": f"/thumbnails/{id}"}, status=202)

    async def result(request: web.Request) -> web.Response:
        found = results.get(request.match_info["id"])
        if found is None:
            return problem(404, "Not Found", "no such thumbnail, or not yet")
        return web.Response(body=found, content_type="image/webp")

    app.router.add_get("/health", health)
    app.router.add_post("/thumbnail", thumbnail)
    if fire_and_forget:
        app.router.add_post("/thumbnail/later", later)
        app.router.add_get("/thumbnails/{id}", result)
    return app


async def serve(mode: str, host: str, port: int, image_service: str, max_pending: int) -> None:
    images = pixelrpc.ImageClient(image_service) if mode == "pixelrpc" else None
    if mode == "loop":
        app = make_app(loop_mode(), fire_and_forget=False)
    elif mode == "executor":
        app = make_app(executor_mode(), fire_and_forget=True)
    else:
        assert images is not None
        app = make_app(pixelrpc_mode(images), fire_and_forget=False, max_pending=max_pending)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound = runner.addresses[0]
    print(json.dumps({"event": "listening", "mode": mode, "address": f"{bound[0]}:{bound[1]}"}), flush=True)
    stopped = asyncio.Event()
    for signal in (SIGINT, SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signal, stopped.set)
    try:
        await stopped.wait()
    finally:
        await runner.cleanup()
        if images is not None:
            await images.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["loop", "executor", "pixelrpc"], required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free one (logged)")
    parser.add_argument("--image-service", default="localhost:50051", help="pixelrpc mode: the image service's target")
    parser.add_argument("--max-pending", type=int, default=64, help="pixelrpc mode: uploads in flight before 429")
    options = parser.parse_args()
    if options.max_pending < 1:
        parser.error("--max-pending must be at least 1")
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    asyncio.run(serve(options.mode, options.host, options.port, options.image_service, options.max_pending))


if __name__ == "__main__":
    main()
