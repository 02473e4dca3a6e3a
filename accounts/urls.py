from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("xac-thuc/", views.otp_verify, name="otp_verify"),
    path("xac-thuc/dang-ky/", views.otp_enrol, name="otp_enrol"),
    path("tam-khoa/", views.held_accounts, name="held"),
]
