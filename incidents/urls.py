from django.urls import path

from .views import collection, downloads, publishing, reporting, review, statistics

app_name = "incidents"

urlpatterns = [
    # The collection (every staff member)
    path("", collection.index, name="index"),
    path("cases/<int:pk>/", collection.case, name="case"),
    # Reporting (the writer)
    path("report/", reporting.new_report, name="report_new"),
    path("drafts/<int:pk>/", reporting.draft, name="draft"),
    path("drafts/<int:pk>/autosave/", reporting.autosave, name="draft_autosave"),
    path("drafts/<int:pk>/delete/", reporting.delete_draft, name="draft_delete"),
    path("similar/", reporting.similar_cases, name="similar"),
    path("mine/", reporting.my_reports, name="my_reports"),
    path("anonymous/", reporting.anonymous, name="anonymous"),
    path("reports/<int:pk>/edit/", reporting.edit_returned, name="report_edit"),
    # Review (section heads, the administration office)
    path("queue/", review.queue, name="queue"),
    path("reports/<int:pk>/", review.report, name="report"),
    path("reports/<int:pk>/review/", review.review, name="report_review"),
    path("reports/<int:pk>/messages/", review.message, name="report_message"),
    # Publication (the administration office)
    path("reports/<int:pk>/case/", publishing.edit_case, name="case_edit"),
    # Files
    path("files/<int:pk>/", downloads.download, name="download"),
    # Statistics
    path("statistics/", statistics.statistics, name="statistics"),
    path("statistics/csv/", statistics.statistics_csv, name="statistics_csv"),
]
