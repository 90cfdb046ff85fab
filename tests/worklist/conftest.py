"""Shared fixtures of the case tests (tests/cases_ui/conftest.py)."""

from tests.cases_ui.conftest import angemeldet, audit_neu, brake_bg, nordenham_bg  # noqa: F401 - fixtures
