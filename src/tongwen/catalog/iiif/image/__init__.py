"""The IIIF Image API 3.0 engine, independent of Django models and views.

A view serving ``/iiif/3/<identifier>/<region>/<size>/<rotation>/<quality>.<format>`` does::

    request = parse_request(region, size, rotation, quality, fmt, width=w, height=h,
                            max_width=cap, max_height=cap)        # raises IIIFError
    data, hit = render_cached(master_path, request, get_backend(settings.TONGWEN_IIIF_BACKEND),
                              cache, image_id)

and ``/iiif/3/<identifier>/info.json`` returns ``info(service_url, w, h, max_width=cap, …)``.
:func:`prepare_source` turns uploads into masters, :func:`sniff_image_type` recognises them,
and :class:`DerivativeCache` keeps rendered derivatives on disk.

Modules: :mod:`.request` (parsing, limits, canonical form), :mod:`.info` (info.json, Link
header), :mod:`.backends` (libvips and Pillow rendering, masters), :mod:`.cache`,
:mod:`.sniff`.
"""

from .backends import (
    Backend,
    PillowBackend,
    VipsBackend,
    get_backend,
    prepare_source,
    render,
    render_cached,
    vips_available,
)
from .cache import DerivativeCache
from .info import (
    CONTEXT,
    EXTRA_FEATURES,
    EXTRA_FORMATS,
    EXTRA_QUALITIES,
    HTTP_FEATURES,
    JSONLD_MEDIA_TYPE,
    PROFILE,
    PROFILE_URI,
    info,
    link_header,
)
from .request import (
    DEFAULT_MAX_PIXELS,
    FORMATS,
    MEDIA_TYPES,
    QUALITIES,
    IIIFError,
    ImageRequest,
    parse_request,
)
from .sniff import sniff_image_type

__all__ = [
    "CONTEXT",
    "DEFAULT_MAX_PIXELS",
    "EXTRA_FEATURES",
    "EXTRA_FORMATS",
    "EXTRA_QUALITIES",
    "FORMATS",
    "HTTP_FEATURES",
    "JSONLD_MEDIA_TYPE",
    "MEDIA_TYPES",
    "PROFILE",
    "PROFILE_URI",
    "QUALITIES",
    "Backend",
    "DerivativeCache",
    "IIIFError",
    "ImageRequest",
    "PillowBackend",
    "VipsBackend",
    "get_backend",
    "info",
    "link_header",
    "parse_request",
    "prepare_source",
    "render",
    "render_cached",
    "sniff_image_type",
    "vips_available",
]
