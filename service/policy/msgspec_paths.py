"""Turn msgspec's "... - at `$.rules[0].priority`" messages into a path and a message."""

from __future__ import annotations

import re

_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)


def problem_path(text: str, root: str = "") -> tuple[str, str]:
    """Split a msgspec validation message into (path, message).

    `root` is prepended to the path (e.g. "body"); a message without a location points at the
    root object itself.
    """
    match = _AT.match(text)
    assert match is not None
    message = match["message"]
    path = (match["path"] or "").lstrip(".")
    unknown = re.match(r"Object contains unknown field `(?P<field>[^`]+)`", message)
    if unknown:
        # msgspec names the unknown key in the message; put it in the path where it belongs.
        path = f"{path}.{unknown['field']}" if path else unknown["field"]
        message = "unknown field"
    missing = re.match(r"Object missing required field `(?P<field>[^`]+)`", message)
    if missing:
        path = f"{path}.{missing['field']}" if path else missing["field"]
        message = "required field is missing"
    if root:
        path = f"{root}.{path}" if path and not path.startswith("[") else f"{root}{path}"
    return path or "(document)", message
