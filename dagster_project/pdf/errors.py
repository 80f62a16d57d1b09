"""Why a PDF is refused: one exception, one reason a person can act on."""


class PdfRefused(ValueError):
    """The PDF cannot be read into text (no text layer, password, corrupt or truncated file…)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
