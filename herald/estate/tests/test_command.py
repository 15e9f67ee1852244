"""``herald estate_audit`` runs the check and prints one JSON line per council."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import Personas
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate

pytestmark = pytest.mark.django_db


def test_the_command_prints_a_json_line_for_each_council(
    personas: Personas, estate: Estate
) -> None:
    make_account(council=personas.council, service=estate.service, two_factor="off")
    out = StringIO()
    call_command("estate_audit", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    by_council = {line["council"]: line for line in lines}
    assert by_council["wessex"]["accounts"] == 1
    assert by_council["wessex"]["raised"] >= 2  # two-factor off and no owner, at least
    assert by_council["mercia"]["accounts"] == 0


def test_one_council_only(personas: Personas) -> None:
    out = StringIO()
    call_command("estate_audit", "--council", "mercia", stdout=out)
    assert [json.loads(line)["council"] for line in out.getvalue().splitlines()] == ["mercia"]


def test_an_unknown_council_is_an_error(personas: Personas) -> None:
    with pytest.raises(CommandError, match="nowhere"):
        call_command("estate_audit", "--council", "nowhere")
