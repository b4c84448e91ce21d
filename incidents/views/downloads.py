"""An attachment's file, through the rules (``intranet.files.serve``)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from intranet import files

from .. import rules
from ..models import ReportAttachment


def download(request, pk):
    attachment = get_object_or_404(
        ReportAttachment.objects.select_related("document", "draft", "report__department"), pk=pk
    )
    if not rules.can_download_attachment(request.user, attachment):
        raise Http404
    return files.serve(request, attachment.document, filename=attachment.filename)
