"""The image service's messages and enums (pixelrpc.image.v1), generated from the proto:
``messages.Operation(resize=messages.Resize(width=800))``, ``messages.FORMAT_WEBP``."""

from .image.v1.image_service_pb2 import *  # noqa: F401,F403
