"""A case through the services (cases.services), for tests that need an Antrag, a decision and its Bescheid."""

from datetime import date

from sozialhaus.cases import services
from sozialhaus.cases.models import Antrag

EINGANG = date(2026, 1, 1)
"""Erstantrag received on 1 January 2026: with § 18 SGB XII the first month is a full month, and the whole
Bewilligungszeitraum lies in 2026 (Regelbedarfsstufe 1 = 563 €, RBSFV 2026)."""


def antrag(benutzer, bg, **kwargs) -> Antrag:
    return services.antrag_anlegen(benutzer, bg, art=Antrag.Art.ERSTANTRAG, eingegangen_am=EINGANG, **kwargs)


def entscheidungsreif(benutzer, bg) -> Antrag:
    """An Erstantrag with every Nachweis received, moved to »entscheidungsreif«."""
    neu = antrag(benutzer, bg)
    services.status_setzen(benutzer, neu, Antrag.Status.IN_PRUEFUNG)
    for nachweis in neu.nachweise.all():
        services.nachweis_eingegangen(benutzer, nachweis, eingegangen_am=EINGANG)
    return services.status_setzen(benutzer, neu, Antrag.Status.ENTSCHEIDUNGSREIF)


def bewilligt(benutzer, bg):
    """(Antrag, Entscheidung, Bescheid) of a granted Erstantrag."""
    reif = entscheidungsreif(benutzer, bg)
    entscheidung = services.bewilligen(benutzer, reif)
    return reif, entscheidung, entscheidung.bescheide.get()
