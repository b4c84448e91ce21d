"""Calendar feed secrets reach no log the project configures."""

import io
import logging

from django.conf import settings

from intranet.log_filters import MaskSecrets

SECRET = "Zq3vS9xK2mPpL0wYbT7nR4cE1uHjA6dFgI8oNkWsXyV"
REQUEST_LINE = f"GET /reservations/feeds/{SECRET}.ics HTTP/1.1"


def configured_handlers():
    """Every handler the settings put on a logger (pytest's own capture handlers aside)."""
    names = ["", "django", "django.request", "django.server", *settings.LOGGING["loggers"]]
    return {
        handler.name: handler
        for name in names
        for handler in logging.getLogger(name or None).handlers
        if handler.name
    }


def masks(handler):
    return any(isinstance(log_filter, MaskSecrets) for log_filter in handler.filters)


def test_every_handler_the_settings_configure_masks_secrets():
    handlers = configured_handlers()
    assert {"console", "django.server", "mail_admins"} <= set(handlers)
    assert [name for name, handler in handlers.items() if not masks(handler)] == []


def test_runserver_request_line_keeps_no_feed_secret():
    logger = logging.getLogger("django.server")
    (handler,) = [h for h in logger.handlers if h.name]
    record = logger.makeRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (REQUEST_LINE, "200", "512"),
        None,
        extra={"status_code": 200, "request": None},
    )
    stream = io.StringIO()
    writer = logging.StreamHandler(stream)
    writer.setFormatter(handler.formatter)
    for log_filter in handler.filters:
        writer.addFilter(log_filter)
    writer.handle(record)
    written = stream.getvalue()
    assert SECRET not in written and "/reservations/feeds/***.ics" in written


def test_a_request_log_line_with_a_secret_in_its_message_is_masked():
    record = logging.makeLogRecord(
        {"msg": "Not Found: %s", "args": (f"/reservations/feeds/{SECRET}.ics",)}
    )
    assert MaskSecrets().filter(record)
    assert SECRET not in record.getMessage()


def test_the_administrators_mail_leaves_out_a_request_that_holds_a_secret(rf):
    request = rf.get(f"/reservations/feeds/{SECRET}.ics")
    record = logging.makeLogRecord({"msg": "Internal Server Error", "request": request})
    MaskSecrets().filter(record)
    assert record.request is None
