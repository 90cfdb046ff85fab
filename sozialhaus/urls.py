"""URL configuration: staff UI, Django admin (organisation only), REST API v1."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("sozialhaus.core.urls")),
    path("", include("sozialhaus.people.urls")),
    path("", include("sozialhaus.records.urls")),
    path("", include("sozialhaus.cases.urls")),
    path("", include("sozialhaus.worklist.urls")),
    path("", include("sozialhaus.payments.urls")),
    path("", include("sozialhaus.claims.urls")),
    path("api/v1/", include("sozialhaus.api.urls")),
    path("verwaltung/", admin.site.urls),
]
