"""Reading digests: files, folders and standard input, decoded to text with problems reported.

Bytes that are not UTF-8 are decoded with the next plausible encoding (UTF-16 with a BOM,
GB18030 for Chinese text, then cp1252) and a problem says so; the text is never dropped.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import DecodeError, InputError, NotFoundError
from tracker.models import Problem

MAX_BYTES = 20 * 1024 * 1024  # a digest is a few KB; 20 MB is certainly not one
SUFFIXES = {".txt", ".md", ".text", ""}


@dataclass(frozen=True)
class Document:
    location: str  # path as given, or "-" for stdin
    text: str
    sha256: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        for line in self.text.splitlines():
            if line.strip():
                return line.strip()[:200]
        return None


def decode(data: bytes, location: str) -> tuple[str, list[Problem]]:
    """Text of ``data``; a problem when it was not clean UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), [Problem("decoded as UTF-16", source=location)]
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{location}: broken UTF-16 text ({exc.reason}); save it as UTF-8") from exc
    try:
        text = data.decode("utf-8")
        problems: list[Problem] = []
    except UnicodeDecodeError as exc:
        text, problems = _fallback(data, location, exc)
    if "\x00" in text:
        raise DecodeError(f"{location}: contains NUL bytes, so it is not a text digest")
    return text.replace("\r\n", "\n").replace("\r", "\n"), problems


def _fallback(data: bytes, location: str, exc: UnicodeDecodeError) -> tuple[str, list[Problem]]:
    line = data[: exc.start].count(b"\n") + 1
    for encoding in ("gb18030", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, [Problem(f"not valid UTF-8 (byte {exc.start}); decoded as {encoding}", line, location)]
    text = data.decode("utf-8", errors="replace")
    return text, [Problem(f"not valid UTF-8 (byte {exc.start}); undecodable bytes replaced", line, location)]


def read_bytes(data: bytes, location: str) -> Document:
    if len(data) > MAX_BYTES:
        raise InputError(f"{location}: {len(data)} bytes is too large for a digest (limit {MAX_BYTES})")
    text, problems = decode(data, location)
    return Document(location, text, hashlib.sha256(data).hexdigest(), problems)


def read_source(source: str) -> Document:
    """One digest from a path or '-' (standard input)."""
    if source == "-":
        return read_bytes(sys.stdin.buffer.read(MAX_BYTES + 1), "-")
    path = Path(source)
    if not path.exists():
        raise NotFoundError(f"{source}: no such file or folder")
    if path.is_dir():
        raise InputError(f"{source}: is a folder; give a file (ingest and sync take folders)")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(
            f"{source}: {path.stat().st_size} bytes is too large for a digest (limit {MAX_BYTES})"
        )
    return read_bytes(path.read_bytes(), source)


def expand(sources: list[str]) -> list[str]:
    """Files, folders (their .txt/.md files, sorted) and '-', in order, each once."""
    seen: dict[str, None] = {}
    for source in sources:
        path = Path(source)
        if source != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES and not child.name.startswith("."):
                    seen.setdefault(str(child), None)
        else:
            seen.setdefault(source, None)
    return list(seen)
