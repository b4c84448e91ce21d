"""FAQ signals: close the questions an FAQ answers once it is published; set up new FAQ homes."""

from django.db.models.signals import post_save
from wagtail.signals import page_published

from intranet import roles

from .models import FaqIndexPage, FaqPage, OpenQuestion
from .workflow import ensure_faq_workflow


def answer_questions_on_publish(sender, instance, **kwargs):
    waiting = OpenQuestion.objects.filter(faq_page=instance).exclude(
        status=OpenQuestion.Status.ANSWERED
    )
    for question in waiting.select_related("asker"):
        question.answer_with_faq(instance)


def set_up_a_new_faq_home(sender, instance, created, raw=False, **kwargs):
    """A new FAQ home is a new area: give the IT desk its rights there and the review workflow."""
    if created and not raw and instance.is_home():
        roles.sync_roles()
        ensure_faq_workflow()


def connect():
    post_save.connect(set_up_a_new_faq_home, sender=FaqIndexPage, dispatch_uid="faq.new_faq_home")
    page_published.connect(
        answer_questions_on_publish, sender=FaqPage, dispatch_uid="faq.answer_questions"
    )
