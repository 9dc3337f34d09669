"""What the pages keep on the web application, under typed keys."""
from __future__ import annotations

from aiohttp import web

from storage.seed_schema import DossierMeta

DOSSIER = web.AppKey("dossier", DossierMeta)  # title and description, read from seeds/ at start
