"""The system FAQ: category pages and FAQ pages curated by the IT desk in Wagtail."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from .text import html_to_plain_text


class FaqIndexPage(Page):
    """The FAQ home and its categories (PC・周辺機器, ネットワーク …), nested as deep as needed."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "link", "ol", "ul"])

    parent_page_types = ["intranet.HomePage", "faq.FaqIndexPage"]
    subpage_types = ["faq.FaqIndexPage", "faq.FaqPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("FAQ category")
        verbose_name_plural = _("FAQ categories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = FaqIndexPage.objects.child_of(self).live().order_by("title")
        context["faqs"] = FaqPage.objects.child_of(self).live().order_by("-last_published_at")
        return context


class FaqPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "faq.FaqPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class AnswerBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=["bold", "italic", "link", "ol", "ul", "code"]
    )
    steps = blocks.ListBlock(blocks.CharBlock(label=_("Step")), label=_("Steps"))
    image = ImageChooserBlock(label=_("Image"))
    document = DocumentChooserBlock(label=_("Attached document"))
    code = blocks.TextBlock(label=_("Code or command"))


class FaqPage(Page):
    """One question (the page title) and its answer."""

    class Audience(models.TextChoices):
        STAFF_ONLY = "staff", _("Staff only")
        PUBLIC = "public", _("May be published")

    answer = StreamField(AnswerBlock(), verbose_name=_("answer"))
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_(
            "Words staff might type for this question, e.g. 「ブイピーエヌ 在宅 リモート」."
        ),
    )
    tags = ClusterTaggableManager(through=FaqPageTag, blank=True, verbose_name=_("tags"))
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.STAFF_ONLY
    )
    review_interval_days = models.PositiveIntegerField(_("review every (days)"), default=365)
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    parent_page_types = ["faq.FaqIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("answer"),
        FieldPanel("keywords"),
        FieldPanel("tags"),
        InlinePanel("related_faqs", label=_("Related FAQs")),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("review_interval_days"),
                FieldPanel("last_reviewed_on"),
                FieldPanel("reviewer"),
            ],
            heading=_("Publication and review"),
        )
    ]
    search_fields = Page.search_fields + [
        index.SearchField("answer"),
        index.SearchField("keywords"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("audience"),
    ]

    class Meta:
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    @property
    def question(self):
        return self.title

    def answer_text(self):
        """The answer as plain text, one line per paragraph, for search and CSV export."""
        lines = []
        for block in self.answer:
            if block.block_type == "paragraph":
                lines.append(html_to_plain_text(block.value.source))
            elif block.block_type == "steps":
                lines.extend(str(step) for step in block.value)
            elif block.block_type == "code":
                lines.append(str(block.value))
            elif block.value is not None:
                lines.append(getattr(block.value, "title", ""))
        return "\n".join(line for line in lines if line).strip()

    def review_due_on(self):
        reviewed = self.last_reviewed_on or (
            self.first_published_at.date() if self.first_published_at else None
        )
        return reviewed + timedelta(days=self.review_interval_days) if reviewed else None

    def is_review_overdue(self):
        due = self.review_due_on()
        return due is not None and due < timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related"] = [
            link.related
            for link in self.related_faqs.select_related("related")
            if link.related.live
        ]
        context["my_feedback"] = (
            self.feedback.filter(user=request.user).first()
            if request.user.is_authenticated
            else None
        )
        return context


class RelatedFaq(Orderable):
    page = ParentalKey(FaqPage, related_name="related_faqs", on_delete=models.CASCADE)
    related = models.ForeignKey(
        FaqPage, verbose_name=_("related FAQ"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("related", "faq.FaqPage")]


class FaqFeedback(models.Model):
    """「この回答は役に立ちましたか？」: one vote per staff member per FAQ, changeable."""

    page = models.ForeignKey(
        FaqPage, verbose_name=_("FAQ"), on_delete=models.CASCADE, related_name="feedback"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("FAQ feedback")
        verbose_name_plural = _("FAQ feedback")
        constraints = [
            models.UniqueConstraint(fields=["page", "user"], name="one_vote_per_staff_member")
        ]

    def __str__(self):
        return f"{self.page_id}: {'+' if self.helpful else '-'}"
