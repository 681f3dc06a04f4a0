"""One base exception. Bad input is distinct from internal defects; the CLI maps them to exit codes."""


class AttestError(Exception):
    """Base of every error this project raises on purpose."""

    exit_code = 70


class InputError(AttestError):
    """Bad arguments or bad configuration from the person running us."""

    exit_code = 2


class StorageError(AttestError):
    """Storage unreachable or refusing: the run cannot complete."""

    exit_code = 3


class NotFoundError(StorageError):
    """A key that is not in storage."""


class LinkNotFollowedError(NotFoundError):
    """A key whose path passes through a symbolic link below the storage's top-level folders: an
    uploaded link could point anywhere on the machine, so it is never followed."""


class ProtectedKeyError(AttestError):
    """An attempt to modify submissions/ or overwrite verdict-history/: a defect, never allowed."""

    exit_code = 70


class InternalError(AttestError):
    """A defect in this program."""

    exit_code = 70
