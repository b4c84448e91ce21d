import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller


class Mailbox:
    """What a real SMTP server on loopback received: each message's raw bytes and envelope."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"

    @property
    def raw(self):
        return [content for _recipients, content in self.received]

    @property
    def messages(self):
        """The messages as the standard library's parser reads them (headers decoded).

        The wire's CRLF line ends are read as new lines, as a mail client shows them.
        """
        return [
            email.message_from_bytes(content.replace(b"\r\n", b"\n"), policy=policy.default)
            for content in self.raw
        ]

    @property
    def subjects(self):
        """Each decoded subject (Django 5.2 folds it onto the next line: stripped)."""
        return [str(message["Subject"]).strip() for message in self.messages]

    @property
    def recipients(self):
        return [address for recipients, _content in self.received for address in recipients]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """Start an aiosmtpd server on 127.0.0.1 in a thread and send Django's mail to it."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield mailbox
    finally:
        controller.stop()


class Office:
    """A small city office: two 部 with sections, and who works where."""

    def __init__(self):
        from intranet import roles
        from intranet.models import Department
        from tests.factories import DepartmentFactory, staff_member

        self.somu = DepartmentFactory(name="総務部", kind=Department.Kind.BU)
        self.gyosei = DepartmentFactory(name="行政管理課", parent=self.somu)
        self.jinji = DepartmentFactory(name="人事課", parent=self.somu)
        self.shimin_bu = DepartmentFactory(name="市民生活部", kind=Department.Kind.BU)
        self.shimin = DepartmentFactory(name="市民課", parent=self.shimin_bu)
        self.office = staff_member(
            roles=[roles.ADMIN_OFFICE], department=self.gyosei, full_name="事務 局子"
        )
        self.hr = staff_member(department=self.jinji, full_name="人事 太郎")
        self.hr_colleague = staff_member(department=self.jinji, full_name="人事 花子")
        self.citizen = staff_member(department=self.shimin, full_name="市民 一郎")
        self.bu_head = staff_member(department=self.shimin_bu, full_name="部長 次郎")


@pytest.fixture
def office(db):
    return Office()
