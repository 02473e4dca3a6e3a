"""URLs of the citizens app (mounted at ``/cong-dan/``); ``cong-khai/`` needs no login."""

from django.urls import path

from citizens import public_views, views

app_name = "citizens"

urlpatterns = [
    path("don/", views.petition_list, name="list"),
    path("don/moi/", views.petition_create, name="create"),
    path("don/moi/thoi-han/", views.petition_deadlines, name="deadline_preview"),
    path("don/<int:pk>/", views.petition_detail, name="detail"),
    path("don/<int:pk>/danh-tinh/", views.petition_reveal, name="reveal"),
    path("don/<int:pk>/buoc/", views.step_add, name="step_add"),
    path("don/<int:pk>/gia-han/", views.extension_add, name="extension_add"),
    path("don/<int:pk>/phan-cong/", views.assign, name="assign"),
    path("don/<int:pk>/buoc/<int:step_pk>/van-ban.docx", views.step_letter, name="letter"),
    path(
        "don/<int:pk>/buoc/<int:step_pk>/van-ban.pdf",
        views.step_letter,
        {"fmt": "pdf"},
        name="letter_pdf",
    ),
    path("don/<int:pk>/buoc/<int:step_pk>/cap-so/", views.letter_issue, name="letter_issue"),
    path("don/<int:pk>/tom-tat/", views.summary_set, name="summary"),
    path("don/<int:pk>/tep/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("bang-theo-doi/", views.board, name="board"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/<slug:form>.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
    path("nhat-ky-xem-danh-tinh/", views.identity_log, name="identity_log"),
    path("lich-tiep/", views.reception_schedule, name="schedule"),
    path("so-tiep/", views.register, name="register"),
    path("so-tiep.xlsx", views.register_xlsx, name="register_xlsx"),
    path("so-tiep/moi/", views.visit_create, name="visit_create"),
    path("cong-khai/tra-cuu/", public_views.status_lookup, name="lookup"),
    path("cong-khai/<slug:unit_code>/", public_views.public_page, name="public"),
]
