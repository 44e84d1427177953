"""Build-time tools of the ML/DL primer (data provisioning, site helpers)."""
