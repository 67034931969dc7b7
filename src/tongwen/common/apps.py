from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "tongwen.common"
    label = "common"
