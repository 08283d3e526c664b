"""Pictures in an S3-compatible private bucket (production only: needs boto3)."""

from storages.backends.s3 import S3Storage

from .picture_storage import AccessCheckedURLs


class S3ImageStorage(AccessCheckedURLs, S3Storage):
    """Private-bucket pictures whose URLs lead to the access check, never to the bucket."""
