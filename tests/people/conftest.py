"""The people tests use the logged-in clients of the staff UI and the API tests."""

from tests.api.conftest import client_fuer  # noqa: F401
from tests.ui.conftest import angemeldet  # noqa: F401
