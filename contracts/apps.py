from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ContractsConfig(AppConfig):
    name = "contracts"
    verbose_name = "Marchés à venir"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import ensure_contract_roles_after_migrate

        # Connected after centre's own handler (centre is earlier in INSTALLED_APPS): the
        # "Validation éditoriale" workflow and the editorial groups exist when ours runs.
        post_migrate.connect(ensure_contract_roles_after_migrate, dispatch_uid="contracts_roles")
