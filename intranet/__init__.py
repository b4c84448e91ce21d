"""The intranet project and the core every app leans on."""


def notify(recipient, message, url=""):
    """Send an in-app notification (see ``intranet.notifications``)."""
    from .notifications import notify as _notify

    return _notify(recipient, message, url)


def notify_many(recipients, message, url=""):
    """Send the same notification to many staff members in one write."""
    from .notifications import notify_many as _notify_many

    return _notify_many(recipients, message, url)


def withdraw_notifications(recipient_id, url_prefix):
    """Delete one person's notifications that link under ``url_prefix``; returns how many."""
    from .notifications import withdraw as _withdraw

    return _withdraw(recipient_id, url_prefix)
