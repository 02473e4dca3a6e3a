"""The evidence storage in a private S3-compatible bucket (``DVCQ_S3_BUCKET``).

Kept apart from ``dvcq.storage`` so that boto3 is imported only by installations that use it.
"""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """Objects written with a private ACL and never linked to: no public or pre-signed URL,
    the app's download views read them with ``open()`` and check the user first."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("evidence files have no URL; use the download view")
