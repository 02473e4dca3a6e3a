"""The error the importer raises when a file cannot be read as a document."""


class ImportFileError(Exception):
    """A file the importer cannot read; ``str()`` is a Vietnamese message for the clerk."""
