"""pixelrpc: an asyncio client for the pixelrpc image service.

    async with pixelrpc.ImageClient("localhost:50051") as images:
        result = await images.transform(
            photo,
            operations=[{"resize": {"width": 800}}],
            output={"format": "FORMAT_WEBP", "quality": 80},
            timeout=10,
        )
        result.image  # the WebP's bytes
        result.info   # an ImageInfo: format, width, height, size_bytes, quality, ...

The messages are in :mod:`pixelrpc.messages`; operations and options may be given as those
messages or as dicts in the proto's JSON form.
"""

from . import messages
from ._channel import Tls
from ._client import ImageClient, TransformResult, collect_image
from ._errors import ImageServiceError, RequestShapeError

__all__ = [
    "ImageClient",
    "ImageServiceError",
    "RequestShapeError",
    "Tls",
    "TransformResult",
    "collect_image",
    "messages",
]
__version__ = "0.1.0"
