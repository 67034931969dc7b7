from django.urls import path

from tongwen.portal import views

app_name = "agreements"
urlpatterns = [path("agreements/", views.home, name="list")]
