from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def home(request: HttpRequest) -> HttpResponse:
    return redirect("agreements:list")


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    return redirect("agreements:list")
