from django.http import HttpResponse

from .export import public_faq_rows, to_json, write_csv


def export_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="faqs.csv"'
    write_csv(public_faq_rows(), response)
    return response


def export_json(request):
    return HttpResponse(to_json(public_faq_rows()), content_type="application/json; charset=utf-8")
