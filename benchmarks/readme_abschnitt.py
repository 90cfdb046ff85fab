"""Shared by the benchmark scripts: the processor's name and rewriting one section of benchmarks/README.md."""

import platform
from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"


def prozessor() -> str:
    """Model name of the CPU (from /proc/cpuinfo), for the "last measured" line."""
    try:
        for zeile in Path("/proc/cpuinfo").read_text().splitlines():
            if zeile.startswith("model name"):
                return zeile.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def abschnitt_schreiben(name: str, abschnitt: str) -> None:
    """Replace the text between ``<!-- {name}:start -->`` and ``<!-- {name}:end -->`` (appended when absent)."""
    anfang, ende = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    block = f"{anfang}\n{abschnitt.strip()}\n{ende}"
    if anfang in text and ende in text:
        text = text[: text.index(anfang)] + block + text[text.index(ende) + len(ende) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")
