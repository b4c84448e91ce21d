"""The database engine's index and the search log."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from intranet.models import UserStamp

from . import synonym_members


class IndexedDocument(models.Model):
    """One searchable thing in the database engine's index.

    The full-text index itself lives beside this table (migration 0004): on
    SQLite an external-content FTS5 table over ``title_terms`` and
    ``body_terms`` (the terms are stored once, here), on PostgreSQL a
    ``search_vector`` tsvector column with positions and weights and a GIN
    index. Title and body are kept to make snippets.
    """

    key = models.CharField(max_length=200, unique=True)
    doc_type = models.CharField(max_length=50, db_index=True)
    object_id = models.CharField(max_length=100)
    title = models.TextField()
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    # A part of a larger whole (see SearchDocument): the whole's address, the part's label,
    # and the marks shown beside it, space-separated.
    group = models.CharField(max_length=500, blank=True)
    part = models.CharField(max_length=120, blank=True)
    marks = models.CharField(max_length=100, blank=True)
    date = models.DateTimeField(null=True, blank=True, db_index=True)
    department_id = models.IntegerField(null=True, blank=True, db_index=True)
    # SearchDocument.boost: a small nudge of the rank, from -1 to 1.
    boost = models.FloatField(default=0.0)
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    class Meta:
        verbose_name = _("indexed document")
        verbose_name_plural = _("indexed documents")

    def __str__(self):
        return self.title


class DocumentAccess(models.Model):
    """One access token of an indexed document (who may see it)."""

    document = models.ForeignKey(IndexedDocument, on_delete=models.CASCADE, related_name="access")
    token = models.CharField(max_length=150)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "token"], name="unique_document_token")
        ]
        indexes = [models.Index(fields=["token", "document"])]

    def __str__(self):
        return f"{self.document_id}: {self.token}"


class SearchQueryLog(models.Model):
    """A search someone made: the normalised query and their department, never their name."""

    query = models.CharField(_("query"), max_length=200, db_index=True)
    department = models.ForeignKey(
        "intranet.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    # What the user was shown: with too few hits that have every word, the list goes on with
    # hits that have some of them (search.finder); ``all_words_hits`` counts the former, so a
    # search that found only those is told apart from one that found what was asked.
    hits = models.PositiveIntegerField(_("hits"))
    all_words_hits = models.PositiveIntegerField(_("hits with every word"), default=0)
    created_at = models.DateTimeField(_("searched at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search log entry")
        verbose_name_plural = _("search log")
        permissions = [("view_search_report", _("Can view the search reports"))]

    def __str__(self):
        return self.query


class SearchClick(models.Model):
    """A result that was opened from a search, and its rank on the results page."""

    log = models.ForeignKey(SearchQueryLog, on_delete=models.CASCADE, related_name="clicks")
    document_key = models.CharField(max_length=200)
    rank = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("search click")
        verbose_name_plural = _("search clicks")

    def __str__(self):
        return f"{self.document_key} #{self.rank}"


class SynonymGroup(models.Model):
    """Words staff use for one thing (パソコン・PC・端末): a search for one finds the others.

    The IT desk curates the groups (同義語辞書) in the Wagtail admin; queries
    read them at search time (search.synonyms), so a change needs no reindex.
    The words are one text field (see search.synonym_members).
    """

    name = models.CharField(
        _("name"),
        max_length=100,
        blank=True,
        help_text=_("Shown in the list; the first words when left empty."),
    )
    members = models.TextField(
        _("words"),
        max_length=synonym_members.MAX_MEMBERS_CHARS,
        help_text=_(
            "Two or more words that mean the same thing, one per line or separated by "
            "「・」 or commas, e.g. 「パソコン・PC・端末」."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym dictionary")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name or "・".join(self.member_list()[:3])

    def member_list(self):
        """The words as written."""
        return synonym_members.split(self.members)[0]

    def words_in_line(self):
        return "・".join(self.member_list())

    def clean(self):
        super().clean()
        self.name = " ".join((self.name or "").split())
        self.members = (self.members or "").strip()
        problem = synonym_members.problem(self.members)
        if problem:
            raise ValidationError({"members": problem})
        if not self.name:
            self.name = "・".join(self.member_list()[:3])[:100]

    def add_member(self, word):
        """Put ``word`` in the group (callers validate with ``full_clean``)."""
        self.members = synonym_members.added(self.members, word)


class AccessStamp(UserStamp):
    """A mark that changes whenever what decides search access tokens changes.

    Working out a user's access tokens (``search.documents.user_access_tokens``)
    takes four or five queries, and suggestions ask on every keystroke; so the
    tokens are kept in the cache under the stamps they were worked out at
    (``search.access``). The row of ``user_id`` is that user's (groups,
    department, superuser or active state); the row of ``EVERYONE`` (0) is
    everyone's (departments, groups, page restrictions, the page tree). A
    change gives the row a new random value, in the same transaction as the
    change, so every server process sees it with its next search: the cache
    of one process is never trusted past a change made in another.
    """

    class Meta:
        verbose_name = _("search access stamp")
        verbose_name_plural = _("search access stamps")
