from django.urls import path

from . import views

app_name = "faq"

urlpatterns = [
    path("", views.faq_home, name="home"),
    path("faqs.csv", views.export_csv, name="export_csv"),
    path("faqs.json", views.export_json, name="export_json"),
    path("<int:page_id>/feedback/", views.feedback, name="feedback"),
]
