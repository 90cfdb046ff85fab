"""Every environment variable a settings module reads is documented in docs/configuration.md (issue 2, item 1)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_environment_variable_is_documented():
    quellen = "".join(p.read_text() for p in (ROOT / "sozialhaus" / "settings").glob("*.py"))
    gelesen = set(re.findall(r"""(?:environ\.get|environ\[|env_bool|env_list)\(\s*["']([A-Z_]+)["']""", quellen))
    doku = (ROOT / "docs" / "configuration.md").read_text()
    assert gelesen, "no environment variables found: the pattern no longer matches the settings code"
    fehlend = sorted(name for name in gelesen if f"`{name}`" not in doku)
    assert fehlend == [], f"undocumented variables: {fehlend}"
