from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("nhap/", views.import_upload, name="import_upload"),
    path("nhap/<int:pk>/", views.import_review, name="import_review"),
    path("nhap-nhieu/", views.import_many, name="import_many"),
    path("trich-dan/", views.document_list, name="document_list"),
    path("trich-dan/<int:pk>/", views.document_detail, name="document"),
]
