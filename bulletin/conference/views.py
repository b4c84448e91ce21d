from django.shortcuts import render

from ..models import Board


def board_list(request):
    boards = Board.objects.visible_to(request.user)
    return render(request, "bulletin/conference/board_list.html", {"boards": boards})
