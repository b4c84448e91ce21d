"""A material's file, current or earlier version, through the one guarded file path."""

from django.shortcuts import get_object_or_404

from intranet import files

from ..extraction import PDF
from ..models import MaterialVersion


def download(request, pk):
    """The file of one version; a PDF opens in the browser's viewer (so ``#page=N`` works).

    ``intranet.files.serve`` asks ``materials.files.may_download``: a file the
    user may not read answers 404, as if it did not exist.
    """
    version = get_object_or_404(MaterialVersion.objects.select_related("document"), pk=pk)
    return files.serve(
        request, version.document, filename=version.filename, inline=version.kind == PDF
    )
