from django.urls import path

from tongwen.institutions import views

app_name = "institutions"
urlpatterns = [
    path("institutions/", views.institution_list, name="list"),
    path("institutions/<slug:slug>/", views.institution_detail, name="detail"),
]
