from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


board = archive = new_notice = notice_detail = edit_notice = withdraw_notice = _todo
confirm_notice = confirmations = confirmations_csv = remind = attachment = _todo
