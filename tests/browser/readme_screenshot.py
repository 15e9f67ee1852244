"""The README's picture of Herald: the home page as the digital team sees it, 1280px wide.

Not part of the suite (the file name does not start with test_). Run scripts/readme-screenshot.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Personas
from tests.browser.journey import Journey

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "images" / "home.png"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_take_readme_screenshot_of_the_digital_team_home_page(
    journey: Journey, personas: Personas
) -> None:
    # A short viewport: the full-page capture is then exactly as tall as the page.
    journey.page.set_viewport_size({"width": 1280, "height": 600})
    journey.sign_in(personas.digital_lead.user.username)
    journey.check("home")
    journey.assert_clean()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    journey.page.screenshot(path=str(SCREENSHOT), full_page=True)
