"""Close the open questions an FAQ answers once that FAQ is published."""

from wagtail.signals import page_published

from .models import FaqPage, OpenQuestion


def answer_questions_on_publish(sender, instance, **kwargs):
    waiting = OpenQuestion.objects.filter(faq_page=instance).exclude(
        status=OpenQuestion.Status.ANSWERED
    )
    for question in waiting.select_related("asker"):
        question.answer_with_faq(instance)


def connect():
    page_published.connect(
        answer_questions_on_publish, sender=FaqPage, dispatch_uid="faq.answer_questions"
    )
