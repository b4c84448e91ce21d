"""Pattern detectors: My Number, corporate number, phone, e-mail, date of birth, address."""


def detect(text):
    """Every pattern finding in ``text``."""
    return []
