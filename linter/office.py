"""Older office formats (.doc, .wps, .rtf, .odt …) read through LibreOffice.

LibreOffice is a large optional program: it is looked for (``soffice`` or
``libreoffice`` on PATH, or the program ``XXGK_LINT_SOFFICE`` names), never
assumed. When it is there, the file is converted to .docx in a private
temporary folder, with its own user profile (so a running LibreOffice does not
lock it out) and a time bound, and the result is kept in the cache under the
file's SHA-256, so a batch converts each file once. When it is not, or the
conversion fails, the reader says so and what to do: install LibreOffice, or
save the report as .docx or PDF.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .source import Limits, Source, UnreadableInput, os_error_text

_FIX = "请安装 LibreOffice（soffice），或将报告另存为 .docx 或 PDF 后再检查"


def converter() -> str | None:
    """The LibreOffice program to convert with, or None."""
    named = os.environ.get("XXGK_LINT_SOFFICE")
    if named:
        return named if shutil.which(named) or os.path.isfile(named) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_office(data: bytes, path: str, limits: Limits = Limits()) -> Source:
    from .docx_layout import read_docx

    return read_docx(convert(data, path, limits.seconds), path)


def convert(data: bytes, path: str, seconds: float = 60.0) -> bytes:
    """The .docx LibreOffice makes of ``data``; raise :class:`UnreadableInput` with the fix."""
    from .cachedir import cache_dir

    suffix = Path(path).suffix.lower() or ".doc"
    digest = hashlib.sha256(data).hexdigest()
    cached = cache_dir() / "converted" / f"{digest}.docx"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    program = converter()
    if program is None:
        raise UnreadableInput(f"{suffix} 格式需要 LibreOffice 转换后才能读取，但本机没有安装 LibreOffice；{_FIX}")
    with tempfile.TemporaryDirectory(prefix="xxgk-lint-") as folder:
        source = Path(folder) / f"report{suffix}"
        source.write_bytes(data)
        profile = Path(folder, "profile").as_uri()
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "docx", "--outdir", folder, str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=seconds, check=False)
        except subprocess.TimeoutExpired:
            raise UnreadableInput(f"LibreOffice 转换 {suffix} 文件超过 {seconds:.0f} 秒未完成；{_FIX}") from None
        except OSError as error:
            raise UnreadableInput(f"无法运行 LibreOffice（{os_error_text(error)}）；{_FIX}") from None
        result = Path(folder) / "report.docx"
        if not result.is_file():
            raise UnreadableInput(f"LibreOffice 未能转换该 {suffix} 文件（文件可能已损坏）；{_FIX}")
        converted = result.read_bytes()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(converted)
    except OSError:
        pass  # a read-only cache only costs a second conversion
    return converted
