"""Read the dossier's TOML files from a `seeds/` folder into a validated `Dossier`."""
from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from storage.seed_schema import Dossier, DossierMeta, EventSeed, SourceSeed, TopicSeed


class SeedError(Exception):
    """The dossier files are missing or invalid; the message names the file and field."""


def default_seeds_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "seeds"


def read_dossier(seeds_dir: Path | None = None) -> Dossier:
    root = Path(seeds_dir) if seeds_dir else default_seeds_dir()
    if not (root / "dossier.toml").is_file():
        raise SeedError(f"{root}: no dossier.toml here; is this a seeds folder?")
    meta = _parse(DossierMeta, _load(root / "dossier.toml"), root / "dossier.toml")
    sources = [
        _parse(SourceSeed, raw, root / "sources.toml")
        for raw in _load(root / "sources.toml").get("source", [])
    ]
    topics = [_parse(TopicSeed, _load(path), path) for path in sorted((root / "topics").glob("*.toml"))]
    events = [
        _parse(EventSeed, raw, path)
        for path in sorted((root / "timeline").glob("*.toml"))
        for raw in _load(path).get("event", [])
    ]
    try:
        return Dossier(meta=meta, sources=sources, topics=topics, events=events)
    except ValidationError as exc:
        raise SeedError(f"{root}: {_describe(exc)}") from None


def _load(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise SeedError(f"{path}: file is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise SeedError(f"{path}: not valid TOML ({exc})") from None


def _parse(model, raw: dict, path: Path):
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        label = raw.get("slug") or raw.get("key") or ""
        raise SeedError(f"{path}{f' [{label}]' if label else ''}: {_describe(exc)}") from None


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        parts.append(f"{where}: {err['msg']}" if where else err["msg"])
    return "; ".join(parts)
