"""The intranet project and the core every app leans on."""


def notify(recipient, message, url=""):
    """Send an in-app notification (see ``intranet.notifications``)."""
    from .notifications import notify as _notify

    return _notify(recipient, message, url)
