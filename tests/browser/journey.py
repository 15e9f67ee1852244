"""A person's journey through Herald in a real browser, checked on every page it reaches.

Each page is checked for WCAG 2.2 A and AA failures with axe-core, for anything the Content
Security Policy blocked, for JavaScript errors and failed requests, and for the shell having
actually loaded (GOV.UK Frontend's stylesheet and scripts, the council's brand colour).
Failures are collected so that one run reports every page, then asserted together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import axe_playwright_python
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response

from herald.core.testing import TEST_PASSWORD

AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Runs before any page script, outside the page's CSP (Playwright injects it).
_LISTEN_FOR_CSP = """
window.__heraldBlocked = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__heraldBlocked.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""

_SHELL_STATE = """() => {
  const header = document.querySelector(".govuk-header");
  const skipLink = document.querySelector(".govuk-skip-link");
  return {
    frontendSupported: document.body.classList.contains("govuk-frontend-supported"),
    componentsStarted: !!skipLink && skipLink.hasAttribute("data-govuk-skip-link-init"),
    headings: document.querySelectorAll("h1").length,
    fontFamily: getComputedStyle(document.querySelector("h1") || document.body).fontFamily,
    brand: getComputedStyle(document.documentElement).getPropertyValue("--govuk-brand-colour").trim(),
    headerBackground: header ? getComputedStyle(header).backgroundColor : "",
    blocked: window.__heraldBlocked || [],
  };
}"""


@dataclass
class Journey:
    context: BrowserContext
    base_url: str
    failures: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    _problems: list[str] = field(default_factory=list)
    page: Page = field(init=False)

    def __post_init__(self) -> None:
        self.context.add_init_script(_LISTEN_FOR_CSP)
        self.page = self.context.new_page()
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self._problems.append(f"JavaScript error: {error}"))
        self.page.on("response", self._on_response)
        self.page.on("requestfailed", self._on_request_failed)

    def visit(self, path: str, *, status: int = 200, label: str | None = None) -> None:
        """Open a page, expect its HTTP status, and check it."""
        response = self.page.goto(urljoin(self.base_url, path))
        assert response is not None
        if response.status != status:
            self.failures.append(f"{label or path}: HTTP {response.status}, expected {status}")
        self.check(label or path)

    def sign_in(self, username: str) -> None:
        """Sign in through the real sign-in form, as a person would."""
        self.page.goto(urljoin(self.base_url, "/sign-in/"))
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Sign in", exact=True).click()
        assert self.page.url == urljoin(self.base_url, "/"), f"{username} did not reach home"

    def sign_out(self) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="Sign out").click()
        assert self.page.url.startswith(urljoin(self.base_url, "/sign-in/")), self.page.url

    def navigation_hrefs(self) -> list[str]:
        """Every link in the service navigation of the current page, in order."""
        links = self.page.locator(
            ".govuk-service-navigation__wrapper a.govuk-service-navigation__link"
        )
        hrefs: list[str] = links.evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
        return hrefs

    def check(self, label: str) -> None:
        """Check the page now showing: axe, CSP, scripts, styles, errors."""
        self.checked.append(label)
        state: dict[str, Any] = self.page.evaluate(_SHELL_STATE)
        problems = [*self._problems, *(f"CSP: {b}" for b in state["blocked"])]
        self._problems.clear()
        if not state["frontendSupported"] or not state["componentsStarted"]:
            problems.append("GOV.UK Frontend's JavaScript did not start (init.js blocked?)")
        if state["headings"] != 1:
            problems.append(f"{state['headings']} <h1> headings, expected exactly one")
        if "arial" not in state["fontFamily"].lower():
            problems.append(f"GOV.UK Frontend's stylesheet did not apply: {state['fontFamily']}")
        if not state["brand"] or state["headerBackground"] != _rgb(state["brand"]):
            problems.append(f"brand colour {state['brand']!r} not on the header")
        problems.extend(self._axe_violations())
        self.failures.extend(f"{label}: {problem}" for problem in problems)

    def assert_clean(self) -> None:
        assert self.checked, "no page was checked"
        assert not self.failures, "\n".join(self.failures)

    def _axe_violations(self) -> list[str]:
        self.page.evaluate(AXE_SOURCE)
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        results: dict[str, Any] = self.page.evaluate(
            "options => axe.run(document, options)", options
        )
        return [_describe(violation) for violation in results["violations"]]

    def _on_console(self, message: ConsoleMessage) -> None:
        # The browser logs every 4xx response; the response handler judges those itself.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self._problems.append(f"console error: {message.text}")

    def _on_request_failed(self, request: Request) -> None:
        # ERR_ABORTED is the browser cancelling a request because the page moved on (a form
        # submitted before the favicon arrived); CSP blocks are caught by their own listener.
        if request.failure and "ERR_ABORTED" in request.failure:
            return
        self._problems.append(f"request failed: {request.url} {request.failure}")

    def _on_response(self, response: Response) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            self._problems.append(f"HTTP {response.status} for {response.url}")


def _describe(violation: dict[str, Any]) -> str:
    nodes = "; ".join(
        f"{json.dumps(node['target'])}: {node.get('failureSummary', '').splitlines()[-1].strip()}"
        for node in violation["nodes"][:5]
    )
    return f"axe {violation['id']} ({violation['impact']}): {violation['help']} — {nodes}"


def _rgb(hex_colour: str) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"
