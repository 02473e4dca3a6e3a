from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from accounts.spraying import on_login_failed

        user_login_failed.connect(on_login_failed, dispatch_uid="accounts.spraying")
