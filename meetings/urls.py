"""URLs of the meetings app (mounted at /hop/)."""

from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("moi/", views.meeting_create, name="create"),
    path("de-xuat/<int:year>/<int:half>/", views.proposal_confirm, name="proposal_confirm"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/sua/", views.meeting_edit, name="edit"),
    path("<int:pk>/diem-danh/", views.attendance, name="attendance"),
    path("<int:pk>/bien-ban/", views.minutes, name="minutes"),
    path("<int:pk>/giay-moi.docx", views.invitation_docx, name="invitation_docx"),
    path("<int:pk>/lay-so-giay-moi/", views.number_invitation, name="number_invitation"),
    path("<int:pk>/bien-ban.docx", views.minutes_docx, name="minutes_docx"),
]
