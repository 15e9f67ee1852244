import json
import logging

from django.test import Client

from herald.core.logging import JsonFormatter, RequestIdFilter, request_id_var


def test_health_answers_ok_without_signing_in(db: None) -> None:
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_every_response_carries_a_request_id_and_keeps_a_safe_incoming_one(db: None) -> None:
    client = Client()
    assert len(client.get("/health/")["X-Request-Id"]) == 32
    kept = client.get("/health/", headers={"X-Request-Id": "proxy-abc.123"})
    assert kept["X-Request-Id"] == "proxy-abc.123"
    replaced = client.get("/health/", headers={"X-Request-Id": "bad id\nwith newline"})
    assert replaced["X-Request-Id"] != "bad id\nwith newline"


def test_log_lines_are_json_with_the_request_id_and_extra_fields() -> None:
    record = logging.makeLogRecord(
        {"name": "herald.test", "levelname": "INFO", "msg": "Imported %s", "args": (3,)}
    )
    record.council = "wessex"
    token = request_id_var.set("req-1")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Imported 3"
    assert line["request_id"] == "req-1"
    assert line["council"] == "wessex"
    assert line["level"] == "info"


def test_a_form_without_its_security_token_gets_a_plain_explanation(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/sign-in/", {"username": "someone", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Sorry, we could not save that" in page
    assert "Nothing was changed" in page
