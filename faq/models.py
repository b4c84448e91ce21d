"""The system FAQ: category pages and FAQ pages curated by the IT desk in Wagtail."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Substr
from django.urls import reverse
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
from wagtail.rich_text import RichText
from wagtail.search import index

from intranet import notify
from intranet.privacy.pages import (
    PersonalDataGuardedPage,
    PersonalDataGuardedPageForm,
    PersonalDataPanel,
)
from intranet.sanitize import clean_html
from intranet.visibility import can_view_page, visible_pages

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

    FAQS_PER_PAGE = 50
    POPULAR = 5

    @classmethod
    def homes(cls):
        """The FAQ homes: categories with no category above them (the FAQ's area of the tree)."""
        pages = cls.objects.only("path").order_by("path")
        homes = []
        for page in pages:
            if not any(page.path.startswith(home.path) for home in homes):
                homes.append(page)
        return homes

    def is_home(self):
        return not FaqIndexPage.objects.filter(
            path__in=[self.path[: depth * self.steplen] for depth in range(1, self.depth)]
        ).exists()

    def save(self, *args, **kwargs):
        self.intro = clean_html(self.intro)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        """Subcategories with FAQ counts, the most read and this category's other FAQs (paged).

        Only what the reader may open is listed or counted, and no question
        is listed twice. The number of queries does not depend on how many
        FAQs there are.
        """
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        categories = list(
            visible_pages(user, FaqIndexPage.objects.child_of(self).live()).order_by("title")
        )
        counts = self.faq_counts_by_child(user)
        for category in categories:
            category.faq_count = counts.get(category.path, 0)
        context["categories"] = categories
        popular = FaqDailyViews.objects.most_viewed(user, limit=self.POPULAR, within=self)
        context["popular"] = popular
        # A question already under 「よく読まれているFAQ」 is not listed again below it.
        faqs = (
            visible_pages(user, FaqPage.objects.child_of(self).live())
            .exclude(pk__in=[page.pk for page in popular])
            .order_by("-last_published_at", "pk")
        )
        context["faqs"] = Paginator(faqs.only("title", "url_path"), self.FAQS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        return context

    def faq_counts_by_child(self, user):
        """{child category's path: live FAQs below it that ``user`` may open}, in one query.

        Counted on Wagtail's page table alone (by content type), without the
        join to the FAQ table, and with no ORDER BY: ordering by path would
        put every page in a group of its own.
        """
        child_path_length = (self.depth + 1) * self.steplen
        pages = Page.objects.filter(
            path__startswith=self.path,
            depth__gt=self.depth + 1,
            live=True,
            content_type=ContentType.objects.get_for_model(FaqPage),
        )
        rows = (
            visible_pages(user, pages)
            .annotate(child_path=Substr("path", 1, child_path_length))
            .values("child_path")
            .annotate(count=models.Count("pk"))
            .order_by()
        )
        return {row["child_path"]: row["count"] for row in rows}


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


class FaqPage(PersonalDataGuardedPage, Page):
    """One question (the page title) and its answer.

    An FAQ marked 公開可 leaves the office through the open-data export, so it
    is not published while the personal-data guard finds something in its
    question, answer or tags that no reviewer has overridden.
    """

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
    base_form_class = PersonalDataGuardedPageForm
    content_panels = Page.content_panels + [
        PersonalDataPanel(),
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

    def privacy_text(self):
        """What leaves the office with the page in the open-data export."""
        tags = " ".join(tag.name for tag in self.tags.all())
        return "\n".join(part for part in (self.title, self.answer_text(), tags) if part)

    def privacy_checked(self):
        return self.audience == self.Audience.PUBLIC

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

    def save(self, *args, **kwargs):
        self.sanitize_answer()
        return super().save(*args, **kwargs)

    def sanitize_answer(self):
        """Run every rich-text paragraph of the answer through the HTML allowlist."""
        for position, block in enumerate(self.answer):
            if block.block_type == "paragraph":
                source = block.value.source
                cleaned = clean_html(source)
                if cleaned != source:
                    self.answer[position] = ("paragraph", RichText(cleaned))

    def total_views(self):
        """Views counted so far (written in batches: see ``faq.view_counts``)."""
        return self.daily_views.aggregate(total=models.Sum("views"))["total"] or 0

    def reviewed_since_update(self):
        """Whether the last review came on or after the last published change (in Tokyo days)."""
        updated = self.last_published_at or self.first_published_at
        if self.last_reviewed_on is None:
            return False
        return updated is None or self.last_reviewed_on >= timezone.localdate(updated)

    def current_as_of(self):
        """When the answer was last known to be right: its last review or update, the later.

        Search results and the page show this date, not the date the page
        was first published or imported, which says nothing about whether
        the answer still holds.
        """
        if self.reviewed_since_update():
            return datetime.combine(
                self.last_reviewed_on, time.min, tzinfo=timezone.get_default_timezone()
            )
        return self.last_published_at or self.first_published_at

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
            if link.related.live and can_view_page(request.user, link.related)
        ]
        context["views"] = self.total_views()
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


class OpenQuestion(models.Model):
    """質問箱: a question a staff member could not find answered in the FAQ.

    The IT desk answers it with a reply or by turning it into an FAQ page; either
    way the asker is notified in the app.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed without an answer")

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="faq_questions",
    )
    question = models.CharField(_("question"), max_length=200)
    details = models.TextField(_("details"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    reply = models.TextField(_("reply"), blank=True, max_length=4000)
    faq_page = models.ForeignKey(
        FaqPage,
        verbose_name=_("answering FAQ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("open question")
        verbose_name_plural = _("open questions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="open_question_status")]

    def __str__(self):
        return self.question

    def notify_asker(self):
        if self.status == self.Status.CLOSED:
            message = _("The IT desk closed your question 「%(question)s」.")
        else:
            message = _("The IT desk answered your question 「%(question)s」.")
        notify(
            self.asker,
            message % {"question": self.question},
            reverse("questions:detail", args=[self.pk]),
        )

    def answer_with_faq(self, page):
        """The FAQ made from this question is live: close the question and tell the asker."""
        self.status = self.Status.ANSWERED
        self.faq_page = page
        self.answered_at = timezone.now()
        if self.answered_by_id is None:
            self.answered_by_id = page.owner_id
        self.save(update_fields=["status", "faq_page", "answered_at", "answered_by"])
        self.notify_asker()


class FaqDailyViewsQuerySet(models.QuerySet):
    def most_viewed(self, user, days=30, limit=5, within=None):
        """Live FAQs that ``user`` may open (below ``within``, if given) read most lately.

        Starts from the view rows, so its cost follows how many FAQs were read,
        not how many exist. Each page gets ``recent_views``.
        """
        since = timezone.localdate() - timedelta(days=days - 1)
        rows = visible_pages(user, self.filter(day__gte=since, page__live=True), "page__path")
        if within is not None:
            rows = rows.filter(page__path__startswith=within.path)
        top = list(
            rows.values("page")
            .annotate(recent=models.Sum("views"))
            .order_by("-recent", "page")[:limit]
        )
        pages = FaqPage.objects.only("title", "url_path").in_bulk([row["page"] for row in top])
        for row in top:
            pages[row["page"]].recent_views = row["recent"]
        return [pages[row["page"]] for row in top]


class FaqDailyViews(models.Model):
    """How often an FAQ was read on one day, written in batches (see ``faq.view_counts``)."""

    page = models.ForeignKey(
        FaqPage, verbose_name=_("FAQ"), on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    objects = FaqDailyViewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("FAQ views per day")
        verbose_name_plural = _("FAQ views per day")
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="one_row_per_faq_day")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"
