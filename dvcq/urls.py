from django.contrib import admin
from django.urls import include, path

from dvcq import views

admin.site.site_header = "DVCQ – Quản trị"
admin.site.site_title = "DVCQ"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("accounts.urls")),
    path("ban-chi-dao/", include("committee.urls")),
    path("van-ban-di/", include("outgoing.urls")),
    path("van-ban/", include("documents.urls")),
    path("theo-doi/", include("followup.urls")),
    path("hop/", include("meetings.urls")),
    path("hoat-dong/", include("activities.urls")),
    path("thong-bao/", include("reminders.urls")),
    path("viec-nen/", include("jobs.urls")),
    path("cong-dan/", include("citizens.urls")),
    path("tu-kiem-tra/", include("inspections.urls")),
    path("diem-sang/", include("brightspots.urls")),
    path("bao-cao/", include("reports.urls")),
    path("tim-kiem/", include("search.urls")),
    path("nhat-ky/", include("audit.urls")),
    path("api/v1/", include("api.urls")),
    path("tai-khoan/khoa-api/", include("api.web_urls")),
    path("", include("programs.urls")),
]
