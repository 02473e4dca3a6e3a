"""Where uploaded files live: one storage alias, ``STORAGES["evidence"]``.

Evidence, activity and bright-spot files (their ``FileField``s) and citizens' encrypted
attachments all go through it. By default it is :class:`EvidenceStorage`, a folder under
``settings.EVIDENCE_ROOT``; with ``DVCQ_S3_BUCKET`` set, :class:`dvcq.storage_s3.PrivateS3Storage`
(a private bucket of S3-compatible object storage). Either way a file has no URL: it is read
with ``storage.open()`` by a view that checks the user's permission and answers it as an
attachment.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

ALIAS = "evidence"


class EvidenceStorage(FileSystemStorage):
    """Files under ``settings.EVIDENCE_ROOT``, read when used (not when models load), with
    no URL: they are only served by the permission-checking download views. Readable by the
    service's own account only (files 0600, folders 0700), whatever the umask."""

    def __init__(self):
        super().__init__(
            base_url=None, file_permissions_mode=0o600, directory_permissions_mode=0o700
        )

    @property
    def base_location(self):
        return str(settings.EVIDENCE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("evidence files have no URL; use the download view")


class _EvidenceStorageProxy(LazyObject):
    """``storages["evidence"]``, looked up on first use rather than when the models load, so
    a ``FileField`` holding it follows the settings (and tests that change them)."""

    def _setup(self):
        self._wrapped = storages[ALIAS]


evidence_storage = _EvidenceStorageProxy()


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        evidence_storage._wrapped = empty
