"""Banners across the top of every staff page, registered by each app.

For what must not be missed (a 緊急 notice not yet read). An app registers a
function of the request that returns the banners to show, in ``ready()``::

    banners.register_banner("bulletin.urgent", urgent_notice_banners)

Each function runs on every page, so it must cost one small query at most.
"""

import logging
from dataclasses import dataclass

from .registry import Registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Banner:
    text: str
    url: str = ""
    label: str = ""


_sources = Registry("banner")


def register_banner(key, source):
    return _sources.register(key, source)


def unregister_banner(key):
    return _sources.unregister(key)


def banners_for(request):
    """Every registered source's banners; a source that fails is logged and skipped."""
    shown = []
    for source in _sources:
        try:
            shown.extend(source(request))
        except Exception:
            logger.exception("A banner source failed")
    return shown
