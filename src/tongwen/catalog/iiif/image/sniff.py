"""Recognising image files by their first bytes, for the upload service."""

from __future__ import annotations

__all__ = ["SNIFF_BYTES", "sniff_image_type"]

#: How many leading bytes :func:`sniff_image_type` needs.
SNIFF_BYTES = 8

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),  # little-endian TIFF
    (b"MM\x00*", "image/tiff"),  # big-endian TIFF
    (b"II+\x00", "image/tiff"),  # little-endian BigTIFF
    (b"MM\x00+", "image/tiff"),  # big-endian BigTIFF
)


def sniff_image_type(head: bytes) -> str | None:
    """The media type of a JPEG, PNG or (Big)TIFF file from its first bytes, else ``None``."""
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    return None
