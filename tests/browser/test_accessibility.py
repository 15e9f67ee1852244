"""Every page of Herald's shell, for every role, in real Chromium: zero axe WCAG 2.2 AA violations.

One test per role signs in through the real form once, then visits home, every item of the
service navigation that role sees, a page its roles do not reach (403), a missing page (404),
the statutory pages, and forms showing errors. Signed-out pages have their own test.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import FilePayload

from conftest import Personas
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATUTORY_PAGES = ["/accessibility/", "/privacy/", "/cookies/"]
# Pages that need a particular role: a role whose navigation lacks one must be refused it.
ROLE_GATED_PAGES = ["/audit/", "/staff/", "/staff/my-team/", "/staff/import/"]
PERSONAS = [
    "officer",
    "editor",
    "approver",
    "digital_lead",
    "ict",
    "hr",
    "line_manager",
    "staff",
    "ambassador",
    "committee",
    "admin",
    "outsider",
]


def test_signed_out_pages_have_no_accessibility_failures(journey: Journey) -> None:
    journey.visit("/sign-in/")
    journey.page.get_by_role("button", name="Sign in", exact=True).click()
    journey.page.wait_for_load_state()
    assert journey.page.title() == "Error: Sign in – Herald"
    # GOV.UK Frontend moves focus to the error summary so screen readers announce it.
    assert journey.page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    journey.check("sign-in with empty fields")
    for path in STATUTORY_PAGES:
        journey.visit(path)
    journey.visit("/no-such-page/", status=404)
    journey.assert_clean()


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_shell_page_has_no_accessibility_failures_for_the_role(
    journey: Journey, personas: Personas, persona: str
) -> None:
    journey.sign_in(getattr(personas, persona).user.username)
    journey.check("home")
    navigation = journey.navigation_hrefs()
    for href in navigation:
        if href != "/":
            journey.visit(href)
    refused = [path for path in ROLE_GATED_PAGES if path not in navigation]
    if refused:
        journey.visit(refused[0], status=403)
    journey.visit("/no-such-page/", status=404)
    for path in STATUTORY_PAGES:
        journey.visit(path)
    if "/staff/" in navigation:
        _visit_staff_search_and_a_staff_record(journey)
    if "/audit/" in navigation:
        journey.visit("/audit/?since=not-a-date", label="audit filter with a bad date")
        assert journey.page.title().startswith("Error: Audit trail – ")
    if "/councils/members/" in navigation:
        _visit_a_members_roles(journey)
    if "/staff/import/" in navigation:
        _upload_a_bad_staff_file(journey)
    _change_password_with_errors(journey)
    journey.sign_out()
    journey.check("sign-in after signing out")
    journey.assert_clean()


def _visit_staff_search_and_a_staff_record(journey: Journey) -> None:
    journey.visit("/staff/?q=a", label="staff search")
    journey.page.locator(".govuk-table__body a.govuk-link").first.click()
    journey.page.wait_for_load_state()
    journey.check("staff record")


def _visit_a_members_roles(journey: Journey) -> None:
    journey.visit("/councils/members/")
    journey.page.locator(".govuk-table__body a.govuk-link").first.click()
    journey.page.wait_for_load_state()
    journey.check("a member's roles")


def _upload_a_bad_staff_file(journey: Journey) -> None:
    journey.visit("/staff/import/")
    journey.page.set_input_files(
        "input[type=file]",
        files=[FilePayload(name="staff.csv", mimeType="text/csv", buffer=b"not,a,staff,file\n")],
    )
    journey.page.get_by_role("button", name="Check the file").click()
    journey.page.wait_for_load_state()
    assert journey.page.title().startswith("Error: ")
    journey.check("staff import with a bad file")


def _change_password_with_errors(journey: Journey) -> None:
    journey.visit("/account/password/")
    journey.page.get_by_role("button", name="Change password").click()
    journey.page.wait_for_load_state()
    assert journey.page.title().startswith("Error: ")
    journey.check("change password with empty fields")


def test_mobile_width_menu_has_no_accessibility_failures(
    journey: Journey, personas: Personas
) -> None:
    journey.page.set_viewport_size({"width": 320, "height": 800})
    journey.sign_in(personas.admin.user.username)
    menu = journey.page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert journey.page.get_by_role("button", name="Sign out").is_visible()
    journey.check("home at 320px with the menu open")
    journey.assert_clean()


def test_skip_link_is_the_first_thing_a_keyboard_reaches(journey: Journey) -> None:
    journey.visit("/sign-in/")
    journey.page.keyboard.press("Tab")
    skip_link = journey.page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("link => link === document.activeElement")
    assert skip_link.is_visible()
    journey.page.keyboard.press("Enter")
    assert journey.page.evaluate("document.activeElement.id") == "main-content"
    journey.assert_clean()


def test_the_checks_report_accessibility_failures_and_blocked_scripts(journey: Journey) -> None:
    # Guards the guard: a page with known faults must fail every check that looks for them.
    journey.visit("/sign-in/")
    journey.failures.clear()
    journey.page.evaluate(
        """() => {
          document.querySelector("h1").insertAdjacentHTML("afterend", '<img src="data:,">');
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )
    journey.check("sign-in with faults injected")
    assert any("axe image-alt" in failure for failure in journey.failures), journey.failures
    assert any("CSP: script-src" in failure for failure in journey.failures), journey.failures
    assert journey.page.evaluate("window.injected === undefined")
