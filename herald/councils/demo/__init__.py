"""Demonstration data: two fictional councils with one sign-in per role, and scale councils.

Every demo sign-in shares ``DEMO_PASSWORD``. It is stored as a ready-made hash, which (like
``User.set_password``) never runs ``AUTH_PASSWORD_VALIDATORS``: validators protect people
choosing their own passwords, and this one is published in the README and printed on every
start, so its strength protects nothing. It does pass the validators (a test checks), so a
demo user who opens a password form is not told their current password is invalid. Because
anyone can read it, the command refuses to load demo data outside ``HERALD_DEV`` unless forced.
"""

from herald.councils.demo.data import DEMO_PASSWORD
from herald.councils.demo.loader import load_demo_councils
from herald.councils.demo.scale import SCALE_SIGN_INS, ScaleCouncil, load_scale_council, scale_slug
from herald.councils.demo.sign_ins import (
    SignInRow,
    any_council_exists,
    demo_sign_ins,
    scale_sign_ins,
)

__all__ = [
    "DEMO_PASSWORD",
    "SCALE_SIGN_INS",
    "ScaleCouncil",
    "SignInRow",
    "any_council_exists",
    "demo_sign_ins",
    "load_demo_councils",
    "load_scale_council",
    "scale_sign_ins",
    "scale_slug",
]
