"""Typed access to request parameters sent as JSON, form fields or multipart parts.

python-telegram-bot's HTTPXRequest sends every parameter as a form field
(strings as they are, everything else JSON-encoded) and switches to
multipart/form-data when a file is uploaded; other clients send JSON bodies.
``Params`` accepts both: a value may be a native JSON value or its string form.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .errors import bad_request

JSON_FIELDS = frozenset(
    {
        "reply_markup", "entities", "caption_entities", "results", "commands", "scope",
        "allowed_updates", "reply_parameters", "link_preview_options", "menu_button", "button",
        "media", "rights", "permissions", "options", "explanation_entities", "message_ids",
        "reaction",
    }
)
_INT_RE = re.compile(r"^[+-]?\d+$")


@dataclass
class UploadedFile:
    field: str
    filename: str | None
    content_type: str | None
    data: bytes

    def describe(self) -> dict[str, Any]:
        return {"__file__": self.filename, "field": self.field, "size": len(self.data),
                "content_type": self.content_type}


class Params:
    def __init__(self, raw: dict[str, Any], files: dict[str, UploadedFile] | None = None) -> None:
        self.raw = raw
        self.files = files or {}

    def __contains__(self, name: str) -> bool:
        return self.raw.get(name) is not None or name in self.files

    def get(self, name: str, default: Any = None) -> Any:
        value = self.raw.get(name)
        return default if value is None else value

    def str(self, name: str, default: str | None = None) -> str | None:
        value = self.raw.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    def int(self, name: str, default: int | None = None, *, error: str | None = None) -> int | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and _INT_RE.match(value.strip()):
            return int(value.strip())
        try:
            return int(float(value))
        except (TypeError, ValueError):
            raise bad_request(error or f"invalid {name} specified") from None

    def float(self, name: str, default: float | None = None) -> float | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def bool(self, name: str, default: bool = False) -> bool:
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return bool(value)
        return str(value).strip().lower() in ("true", "1", "yes", "on")

    def json(self, name: str, default: Any = None, *, what: str | None = None) -> Any:
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {what or name} JSON object") from None
        return value

    def chat_ref(self, name: str = "chat_id", *, required: bool = True) -> int | str | None:
        value = self.raw.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, bool):
            raise bad_request("chat not found")
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if _INT_RE.match(text):
            return int(text)
        if text.startswith("@"):
            return text
        raise bad_request("chat not found")

    def input_file(self, name: str) -> UploadedFile | str | None:
        """An uploaded file (direct part or attach://) or the string (file_id / URL)."""
        if name in self.files:
            return self.files[name]
        value = self.raw.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            attached = self.files.get(value[len("attach://"):])
            if attached is None:
                raise bad_request(f"can't find attached file \"{value[len('attach://'):]}\"")
            return attached
        return value if isinstance(value, str) and value else None

    def loggable(self) -> dict[str, Any]:
        """Decoded parameters for the call log (JSON fields parsed, files described)."""
        result: dict[str, Any] = {}
        for key, value in self.raw.items():
            if key in JSON_FIELDS and isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    pass
            elif key in ("chat_id", "message_id", "user_id", "message_thread_id") and isinstance(value, str) \
                    and _INT_RE.match(value.strip()):
                value = int(value.strip())
            result[key] = value
        for key, upload in self.files.items():
            result[key] = upload.describe()
        return result
