from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("xac-thuc/", views.otp_verify, name="otp_verify"),
    path("xac-thuc/dang-ky/", views.otp_enrol, name="otp_enrol"),
    path("xac-thuc/ma-du-phong/", views.recovery_codes, name="recovery_codes"),
    path("xac-thuc/dat-lai/", views.otp_reset_list, name="otp_reset_list"),
    path("xac-thuc/dat-lai/<int:user_id>/", views.otp_reset, name="otp_reset"),
    path("viec-cua-toi/", views.my_work_page, name="my_work"),
    path("tam-khoa/", views.held_accounts, name="held"),
]
