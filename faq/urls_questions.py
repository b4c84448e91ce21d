from django.urls import path

from . import questions

app_name = "questions"

urlpatterns = [
    path("", questions.my_questions, name="list"),
    path("ask/", questions.ask, name="ask"),
    path("<int:pk>/", questions.detail, name="detail"),
]
