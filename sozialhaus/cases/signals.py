"""Signals of the cases app.

``entscheidung_erlassen`` is sent inside the transaction of every decision (``sender=Entscheidung``, with
``entscheidung``, ``benutzer`` and ``kanal``); the notices app answers with the Bescheid, so a decision and its Bescheid are
saved together or not at all.
"""

from django.dispatch import Signal

entscheidung_erlassen = Signal()
