"""The legal limits of Aufrechnung (offsetting a claim against ongoing benefits), as data.

SGB II, § 43 SGB II:
* Abs. 1: the Jobcenter may offset Erstattungsansprüche nach § 50 SGB X and nach § 41a Abs. 6 Satz 3 SGB II against
  the person's claim to Geldleistungen zur Sicherung des Lebensunterhalts;
* Abs. 2 Satz 1: the amount is 10 % of the person's maßgebender Regelbedarf for claims based on § 41a or on
  § 48 Abs. 1 Satz 2 Nr. 3 SGB X (income or assets obtained), 30 % in all other cases;
* Abs. 2 Satz 2: an Aufrechnung that together with running ones would exceed 30 % in total is unzulässig;
* Abs. 4: declared in writing by Verwaltungsakt; it ends at the latest three years after the month following the
  Bestandskraft of the Erstattungsbescheid.

SGB XII:
* § 44b Abs. 1 and 2 SGB XII (4. Kapitel): Erstattungsansprüche nach § 44a Abs. 7 SGB XII, 5 % of the maßgebende
  Regelbedarfsstufe; Abs. 3: by Verwaltungsakt, at most three years (as § 43 Abs. 4 SGB II);
* § 26 Abs. 2 SGB XII: claims to refund benefits the person obtained by vorsätzlich oder grob fahrlässig false or
  incomplete statements may be offset "bis auf das jeweils Unerlässliche". The law names no percentage; the
  customary practice (commentaries on § 26 SGB XII; parallel to § 43 SGB II) is at most 30 % of the Regelbedarf,
  which the house uses as the maximum. Other SGB XII claims cannot be offset against Sozialhilfe.

Other Rechtskreise (AsylbLG, Wohngeld) are not offset here (AsylbLG § 2 analog via § 26 SGB XII and Wohngeld via
§ 51 SGB I would need their own rules).
"""

from dataclasses import dataclass
from decimal import Decimal

from sozialhaus.core.models import Rechtskreis

from .models import Grund


@dataclass(frozen=True)
class Grenze:
    hoechstens: Decimal
    """Highest percentage of the maßgebender Regelbedarf for one Aufrechnung."""
    zusammen: Decimal
    """Highest percentage of all running Aufrechnungen of the person together."""
    norm: str


AUFRECHNUNG: dict[str, Grenze] = {
    Grund.SGB2_41A: Grenze(Decimal(10), Decimal(30), "§ 43 Abs. 1 Nr. 4, Abs. 2 Satz 1 SGB II"),
    Grund.SGB2_EINKOMMEN: Grenze(Decimal(10), Decimal(30), "§ 43 Abs. 1 Nr. 1, Abs. 2 Satz 1 SGB II"),
    Grund.SGB2_SONSTIGE: Grenze(Decimal(30), Decimal(30), "§ 43 Abs. 1 Nr. 1, Abs. 2 Satz 1 SGB II"),
    Grund.SGB12_44A: Grenze(Decimal(5), Decimal(30), "§ 44b Abs. 1 und 2 SGB XII"),
    Grund.SGB12_VERSCHULDET: Grenze(Decimal(30), Decimal(30), "§ 26 Abs. 2 SGB XII"),
}
"""Grund → limits; a Grund that is missing here cannot be offset."""

HOECHSTDAUER_MONATE = 36
"""§ 43 Abs. 4 Satz 2 SGB II, § 44b Abs. 3 SGB XII: at most three years after the month following Bestandskraft."""

GRUENDE_NACH_RECHTSKREIS: dict[str, tuple[str, ...]] = {
    Rechtskreis.SGB2: (Grund.SGB2_41A, Grund.SGB2_EINKOMMEN, Grund.SGB2_SONSTIGE),
    Rechtskreis.SGB12_KAP3: (Grund.SGB12_VERSCHULDET, Grund.SGB12_SONSTIGE),
    Rechtskreis.SGB12_KAP4: (Grund.SGB12_44A, Grund.SGB12_VERSCHULDET, Grund.SGB12_SONSTIGE),
}
"""Grounds a caseworker may choose per Rechtskreis; any other Rechtskreis has ``Grund.SONSTIGE`` only."""


def gruende(rechtskreis: str) -> tuple[str, ...]:
    return GRUENDE_NACH_RECHTSKREIS.get(rechtskreis, (Grund.SONSTIGE,))


ERSTATTUNGSNORM = {
    Grund.SGB2_41A: "§ 41a Abs. 6 Satz 3 SGB II",
    Grund.SGB12_44A: "§ 44a Abs. 7 SGB XII",
}
"""Norm of the Erstattung itself when it is not § 50 SGB X (after a final decision on a vorläufige one)."""


def erstattungsnorm(grund: str, rechtskreis: str) -> str:
    if grund in ERSTATTUNGSNORM:
        return ERSTATTUNGSNORM[grund]
    if rechtskreis == Rechtskreis.SGB2:
        return "§ 50 Abs. 1 und 3 SGB X in Verbindung mit § 40 Abs. 1 Satz 1 SGB II"
    return "§ 50 Abs. 1 und 3 SGB X"
