import pytest
from django.test import Client

from conftest import Personas

pytestmark = pytest.mark.django_db


def test_line_manager_home_shows_their_team(personas: Personas) -> None:
    response = personas.client_for(personas.line_manager).get("/")
    assert response.status_code == 200
    assert "Your team" in response.content.decode()


def test_signed_out_visitor_is_sent_to_sign_in() -> None:
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")
