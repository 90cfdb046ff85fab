from sozialhaus.core.models import Rechtskreis


def test_person_in_nordenham_invisible_for_brake(bg_in, benutzer):
    from sozialhaus.core.permissions import Aktion, sichtbare_personen, zugriff

    bg = bg_in("Nordenham", Rechtskreis.SGB12_KAP3)
    person = bg.mitgliedschaften.first().person
    assert zugriff(benutzer("sb.brake"), person, Aktion.LESEN) is None
    assert zugriff(benutzer("sb.nordenham"), person, Aktion.LESEN).kuerzel == "sozialamt-nordenham"
    assert not sichtbare_personen(benutzer("sb.brake")).filter(pk=person.pk).exists()
    assert sichtbare_personen(benutzer("sb.nordenham")).filter(pk=person.pk).exists()
