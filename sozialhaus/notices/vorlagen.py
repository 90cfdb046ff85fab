"""Texts of the Bescheidvorlagen: the standard version 1 of every Art and the restricted rendering of placeholders.

A Vorlage's texts are Django template text. They are rendered by an engine of their own with autoescaping, no
template loaders and no tag libraries, and with a context of plain values only (no model instances), so a text can
show the data of the Bescheid but can neither inject HTML nor reach other records.

Placeholders (see ``platzhalter``): ``dienststelle.name``, ``dienststelle.anschrift``, ``dienststelle.telefon``,
``dienststelle.email``, ``traeger.name``, ``leistung``, ``rechtskreis``, ``sgb2`` (true in SGB II),
``zeitraum`` ("01.03.2026 bis 31.08.2026"), ``bescheiddatum``, ``bekanntgabe``, ``fristende``, ``aktenzeichen``;
for a one-off benefit also ``einmalleistung``, ``betrag``, ``norm``, ``faellig_im``.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.utils.safestring import SafeString, mark_safe

from .models import Bescheidvorlage

ENGINE = Engine(autoescape=True, libraries={}, loaders=[])
"""Engine for Vorlage texts: autoescaping, only Django's built-in tags and filters, no loaders (no ``include``)."""

TEXTFELDER = ("betreff", "einleitung", "begruendung", "rechtsbehelfsbelehrung", "schluss")

GEMEINSAME_HINWEISE = (
    "Bitte teilen Sie uns jede Änderung Ihrer Verhältnisse unverzüglich mit, zum Beispiel eine Arbeitsaufnahme, "
    "Einkommen, Vermögen, einen Umzug, eine Änderung der Miete oder wer mit Ihnen im Haushalt lebt. Dazu sind Sie "
    "nach § 60 Abs. 1 Satz 1 Nr. 2 des Ersten Buches Sozialgesetzbuch (SGB I) verpflichtet. Wer Änderungen nicht "
    "oder zu spät mitteilt, muss zu Unrecht erhaltene Leistungen erstatten (§§ 45, 48, 50 SGB X)."
)

RECHTSBEHELFSBELEHRUNG = (
    "Gegen diesen Bescheid kann innerhalb eines Monats nach seiner Bekanntgabe Widerspruch erhoben werden "
    "(§§ 78, 84 Abs. 1 des Sozialgerichtsgesetzes – SGG). Der Widerspruch ist schriftlich, in elektronischer Form "
    "(§ 36a Abs. 2 SGB I) oder zur Niederschrift bei {{ dienststelle.name }}, {{ dienststelle.anschrift }}, "
    "einzulegen.\n\n"
    "Der Bescheid gilt bei Versand mit der Post am vierten Tag nach der Aufgabe zur Post als bekannt gegeben "
    "(§ 37 Abs. 2 Satz 1 SGB X). Als Service teilen wir Ihnen mit: Die Frist endet am {{ fristende }}."
)

KEINE_AUFSCHIEBENDE_WIRKUNG = (
    "{% if sgb2 %}\n\nEin Widerspruch gegen die Aufhebung oder Herabsetzung der Leistungen hat keine aufschiebende "
    "Wirkung (§ 39 Nr. 1 SGB II). Sie können beim Sozialgericht beantragen, die aufschiebende Wirkung anzuordnen "
    "(§ 86b Abs. 1 Satz 1 Nr. 2 SGG).{% endif %}"
)

SCHLUSS = "Mit freundlichen Grüßen\n\nIhr {{ dienststelle.name }}"

STANDARDTEXTE = {
    Bescheidvorlage.Art.BEWILLIGUNG: {
        "betreff": "Bewilligung von {{ leistung }} für die Zeit vom {{ zeitraum }}",
        "einleitung": (
            "auf Ihren Antrag (Aktenzeichen {{ aktenzeichen }}) bewilligen wir Ihnen und den Mitgliedern Ihrer "
            "Bedarfsgemeinschaft {{ leistung }} für die Zeit vom {{ zeitraum }} in der unten genannten Höhe."
        ),
        "begruendung": (
            "Die Leistung ist nach den Vorschriften berechnet, die im Berechnungsbogen bei jedem Betrag genannt "
            "sind. Grundlage sind Ihre Angaben und die von Ihnen vorgelegten Nachweise.\n\n" + GEMEINSAME_HINWEISE
        ),
        "rechtsbehelfsbelehrung": RECHTSBEHELFSBELEHRUNG,
        "schluss": SCHLUSS,
    },
    Bescheidvorlage.Art.ABLEHNUNG: {
        "betreff": "Ablehnung Ihres Antrags auf {{ leistung }}",
        "einleitung": "Ihren Antrag auf {{ leistung }} (Aktenzeichen {{ aktenzeichen }}) lehnen wir ab.",
        "begruendung": (
            "Wenn sich Ihre Verhältnisse ändern, zum Beispiel Ihr Einkommen sinkt oder Ihre Miete steigt, können "
            "Sie jederzeit einen neuen Antrag stellen."
        ),
        "rechtsbehelfsbelehrung": RECHTSBEHELFSBELEHRUNG,
        "schluss": SCHLUSS,
    },
    Bescheidvorlage.Art.AENDERUNG: {
        "betreff": "Änderung der Bewilligung von {{ leistung }} für die Zeit vom {{ zeitraum }}",
        "einleitung": (
            "die Bewilligung von {{ leistung }} (Aktenzeichen {{ aktenzeichen }}) ändern wir für die Zeit vom "
            "{{ zeitraum }}, wie unten dargestellt. Soweit nachstehend nichts anderes geregelt ist, bleibt es bei "
            "den bisherigen Bescheiden."
        ),
        "begruendung": GEMEINSAME_HINWEISE,
        "rechtsbehelfsbelehrung": RECHTSBEHELFSBELEHRUNG + KEINE_AUFSCHIEBENDE_WIRKUNG,
        "schluss": SCHLUSS,
    },
    Bescheidvorlage.Art.AUFHEBUNG: {
        "betreff": "Aufhebung der Bewilligung von {{ leistung }} und Erstattung",
        "einleitung": (
            "die Bewilligung von {{ leistung }} (Aktenzeichen {{ aktenzeichen }}) heben wir für die Zeit vom "
            "{{ zeitraum }} auf, wie unten dargestellt."
        ),
        "begruendung": (
            "Vor dieser Entscheidung hatten Sie Gelegenheit, sich zu den für die Entscheidung erheblichen Tatsachen "
            "zu äußern (§ 24 SGB X).\n\n" + GEMEINSAME_HINWEISE
        ),
        "rechtsbehelfsbelehrung": RECHTSBEHELFSBELEHRUNG + KEINE_AUFSCHIEBENDE_WIRKUNG,
        "schluss": SCHLUSS,
    },
    # One-off benefits: placeholders also ``einmalleistung`` (Art), ``betrag``, ``norm``, ``faellig_im`` (MM/JJJJ)
    Bescheidvorlage.Art.EINMALLEISTUNG: {
        "betreff": "Bewilligung einer einmaligen Leistung: {{ einmalleistung }}",
        "einleitung": (
            "auf Ihren Antrag (Aktenzeichen {{ aktenzeichen }}) bewilligen wir Ihnen als einmalige Leistung "
            "{{ einmalleistung }} in Höhe von {{ betrag }} ({{ norm }}). Der Betrag wird mit dem Zahllauf für "
            "{{ faellig_im }} auf Ihr Konto überwiesen."
        ),
        "begruendung": (
            "Dieser Bedarf ist nicht vom Regelbedarf umfasst und wird gesondert erbracht ({{ norm }}). Die Höhe "
            "haben wir nach den erforderlichen Aufwendungen und unseren Erfahrungswerten festgesetzt"
            "{% if sgb2 %} (§ 24 Abs. 3 Satz 5 und 6 SGB II){% else %} (§ 31 Abs. 3 SGB XII){% endif %}. Bitte "
            "bewahren Sie die Belege über die Anschaffung auf.\n\n" + GEMEINSAME_HINWEISE
        ),
        "rechtsbehelfsbelehrung": RECHTSBEHELFSBELEHRUNG,
        "schluss": SCHLUSS,
    },
    # Claims (sozialhaus/claims): placeholders also ``kassenzeichen``, ``betrag``, ``faellig_am``, ``konto``
    Bescheidvorlage.Art.ERSTATTUNG: {
        "betreff": "Erstattung zu Unrecht erbrachter Leistungen ({{ leistung }}) – Kassenzeichen {{ kassenzeichen }}",
        "einleitung": (
            "mit dem Bescheid zum Aktenzeichen {{ aktenzeichen }} wurde die Bewilligung von {{ leistung }} für die "
            "Zeit vom {{ zeitraum }} aufgehoben oder geändert. Die Ihnen dadurch zu Unrecht erbrachten Leistungen "
            "setzen wir hiermit fest. Sie haben {{ betrag }} zu erstatten."
        ),
        "begruendung": (
            "Bitte überweisen Sie den Betrag bis zum {{ faellig_am }} unter Angabe des Kassenzeichens "
            "{{ kassenzeichen }} auf das Konto {{ konto }}. Wenn Sie den Betrag nicht auf einmal zahlen können, "
            "sprechen Sie uns an: Wir können eine Ratenzahlung vereinbaren. Bei laufendem Leistungsbezug kann die "
            "Forderung nach vorheriger Anhörung mit Ihren laufenden Leistungen aufgerechnet werden."
        ),
        "rechtsbehelfsbelehrung": RECHTSBEHELFSBELEHRUNG,
        "schluss": SCHLUSS,
    },
    Bescheidvorlage.Art.AUFRECHNUNG: {
        "betreff": "Aufrechnung mit Ihren laufenden Leistungen – Kassenzeichen {{ kassenzeichen }}",
        "einleitung": (
            "wegen der Erstattungsforderung mit dem Kassenzeichen {{ kassenzeichen }} (offen: {{ betrag }}) "
            "erklären wir die Aufrechnung mit Ihrem Anspruch auf {{ leistung }}."
        ),
        "begruendung": GEMEINSAME_HINWEISE,
        "rechtsbehelfsbelehrung": RECHTSBEHELFSBELEHRUNG,
        "schluss": SCHLUSS,
    },
}
"""Version 1 of every Art, created for a Träger by ``services.standardvorlagen_anlegen``."""

STANDARD_GUELTIG_AB = date(2025, 1, 1)
"""The standard texts state the four-day Bekanntgabe of § 37 Abs. 2 SGB X in force since 1.1.2025."""


def pruefe_text(text: str) -> None:
    """Raise a German ValidationError when ``text`` is no valid template text for the restricted engine."""
    try:
        ENGINE.from_string(text)
    except TemplateSyntaxError as fehler:
        raise ValidationError(f"Der Platzhalter-Text ist fehlerhaft: {fehler}") from fehler


def absender(dienststelle) -> dict:
    """The placeholders ``dienststelle`` and ``traeger`` every Vorlage may use (the letterhead's data)."""
    return {
        "dienststelle": {
            "name": dienststelle.name,
            "anschrift": dienststelle.anschrift,
            "telefon": dienststelle.telefon,
            "email": dienststelle.email,
        },
        "traeger": {"name": dienststelle.traeger.name},
    }


def rendere_texte(vorlage: Bescheidvorlage, platzhalter: dict) -> dict[str, SafeString]:
    """Every text field of ``vorlage`` rendered with ``platzhalter`` (HTML-escaped, safe to put into the page)."""
    kontext = Context(platzhalter, autoescape=True)
    return {feld: mark_safe(ENGINE.from_string(getattr(vorlage, feld)).render(kontext).strip()) for feld in TEXTFELDER}
