"""The base of every business-rule failure. Views turn these into GOV.UK errors, the API into JSON."""


class DomainError(Exception):
    """A business rule refused the request. ``code`` is stable for API clients."""

    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
