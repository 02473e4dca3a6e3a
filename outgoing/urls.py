"""Outgoing documents: the register that numbers them and their export in the state format."""

from django.urls import path

app_name = "outgoing"

urlpatterns: list = []
