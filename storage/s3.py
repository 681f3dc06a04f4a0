"""Storage on an S3 bucket (MinIO in production), behind the same interface as a local folder.

Why the care about failures: a nightly run must either finish or stop with a one-line reason
("storage unreachable: ..."), never hang on a dead endpoint and never leak credentials into
logs or exit messages. The minio SDK's default HTTP client retries five times with backoff and
has five-minute timeouts; we replace it with one that never retries by itself, and do the
retrying here, on a bounded schedule, where we can also tell transient failures from real ones.

`create` relies on the conditional PUT (`If-None-Match: *`): the server refuses with 412 when
the key exists, so two writers can never both create the same revision. MinIO supports this
(a MinIO extension since 2023, now also Amazon S3); moto implements it as well.
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import TypeVar

import urllib3
from minio import Minio
from minio.deleteobjects import DeleteObject
from minio.error import InvalidResponseError, MinioException, S3Error, ServerError
from minio.helpers import check_bucket_name

from models.errors import InputError, NotFoundError, StorageError
from models.settings import Settings
from storage.objects import Folders, ObjectInfo, check_key

log = logging.getLogger("attest.storage")

T = TypeVar("T")

# S3 error codes that mean "try again later" even when the status is not 5xx.
_TRANSIENT_CODES = frozenset({"SlowDown", "RequestTimeout", "ServiceUnavailable", "InternalError"})
_ACCESS_CODES = frozenset(
    {"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken"}
)
_CONTENT_TYPE = "application/octet-stream"


def parse_root(root: str) -> tuple[str, str]:
    """Split `s3://BUCKET[/PREFIX]` into the bucket and a prefix ending in '/' (or '')."""
    if not root.startswith("s3://"):
        raise InputError(f"not an S3 storage root: {root!r}")
    bucket, _, prefix = root[len("s3://") :].partition("/")
    try:
        check_bucket_name(bucket, strict=True)  # MinIO accepts only DNS-style names
    except ValueError as exc:
        raise InputError(f"bad bucket name in storage root {root!r}: {exc}") from exc
    prefix = prefix.strip("/")
    if prefix:
        try:
            check_key(prefix)
        except InputError as exc:
            raise InputError(f"bad prefix in storage root {root!r}") from exc
        prefix += "/"
    return bucket, prefix


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _transient_reason(exc: BaseException) -> str | None:
    """A short reason if `exc` is worth retrying (network trouble, timeouts, 5xx), else None."""
    if isinstance(exc, S3Error):
        status = exc.response.status if exc.response is not None else 0
        if status >= 500 or exc.code in _TRANSIENT_CODES:
            return f"HTTP {status} {exc.code}"
        return None
    if isinstance(exc, ServerError):
        return f"HTTP {exc.status_code}" if exc.status_code >= 500 else None
    if isinstance(exc, InvalidResponseError):
        status = getattr(exc, "_code", 0)  # the SDK keeps the status private
        if isinstance(status, int) and status >= 500:
            return f"HTTP {status} (not an S3 response)"
        return None
    if isinstance(exc, urllib3.exceptions.HTTPError | OSError):
        return _network_reason(exc)
    return None


def _lasting_reason(exc: BaseException) -> str | None:
    """A network failure that retrying cannot mend (an unknown host, a TLS mismatch), as its cause and
    its fix in words, or None. urllib3's NameResolutionError is a ConnectTimeoutError by descent: it is
    told apart here, or an unknown host reads as a timeout."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, urllib3.exceptions.NameResolutionError):
            return "host name not known; check the host in ATTEST_S3_ENDPOINT (host:port)"
        if isinstance(seen, ssl.SSLError):
            text = str(seen)
            if "WRONG_VERSION_NUMBER" in text or "record layer failure" in text or "http request" in text.lower():
                return (
                    "the server answered in plain HTTP, not TLS; set ATTEST_S3_SECURE=false for an http endpoint "
                    "(MinIO's default), or give its https port"
                )
            if "CERTIFICATE_VERIFY_FAILED" in text:
                detail = text.split("certificate verify failed:", 1)[-1].split("(_ssl")[0].strip(" .")
                return (
                    f"TLS certificate not trusted ({detail}); give SSL_CERT_FILE the CA that signed it, or check "
                    "the host in ATTEST_S3_ENDPOINT"
                )
            return f"TLS error ({_one_line(text, 120)}); check ATTEST_S3_SECURE and the endpoint's port"
        if isinstance(seen, urllib3.exceptions.MaxRetryError) and seen.reason is not None:
            seen = seen.reason
            continue
        seen = seen.__cause__ or seen.__context__
    return None


def _network_reason(exc: BaseException) -> str:
    """Name the root cause of a urllib3/socket failure without URLs, headers or secrets."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        if isinstance(seen, urllib3.exceptions.NewConnectionError) and "refused" in str(seen).lower():
            return "connection refused"
        if isinstance(seen, urllib3.exceptions.ConnectTimeoutError):
            return "connect timed out"
        if isinstance(seen, urllib3.exceptions.ReadTimeoutError | TimeoutError):
            return "timed out"
        if isinstance(seen, ConnectionResetError):
            return "connection reset"
        if isinstance(seen, urllib3.exceptions.MaxRetryError) and seen.reason is not None:
            seen = seen.reason
            continue
        seen = seen.__cause__ or seen.__context__
    return f"network error ({type(exc).__name__})"


class S3Storage:
    """A bucket, optionally under a prefix; keys are relative to `s3://bucket/prefix/`.

    Every call is retried on transient failures (connection refused or reset, timeouts, 5xx)
    with exponential backoff: at most `attempts` tries, and no new try is started once
    `deadline_s` would be exceeded. A call therefore gives up after at most about
    `deadline_s + connect_timeout_s + read_timeout_s` seconds, with
    StorageError("storage unreachable: <endpoint>: <reason>").
    """

    def __init__(
        self,
        bucket: str,
        prefix: str,
        client: Minio,
        endpoint: str,
        *,
        attempts: int = 4,
        backoff_s: float = 0.25,
        deadline_s: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if attempts < 1 or backoff_s < 0 or deadline_s < 0:
            raise InputError("S3 retry settings must be positive")
        self.bucket = bucket
        self.prefix = prefix
        self.endpoint = endpoint
        self._client = client
        self._attempts = attempts
        self._backoff_s = backoff_s
        self._deadline_s = deadline_s
        self._sleep = sleep
        self._bucket_checked = False
        self.page_size = 1000  # objects per listing request; S3's own maximum
        self.delete_batch = 1000  # objects per DeleteObjects request; S3's own maximum

    @classmethod
    def from_settings(
        cls,
        root: str,
        settings: Settings,
        *,
        connect_timeout_s: float = 3.0,
        read_timeout_s: float = 30.0,
        ca_certs: str | None = None,
        attempts: int = 4,
        backoff_s: float = 0.25,
        deadline_s: float = 10.0,
    ) -> S3Storage:
        """Build from `s3://BUCKET[/PREFIX]` and the ATTEST_S3_* settings.

        `ca_certs` None means the system trust store (OpenSSL also honours SSL_CERT_FILE).
        """
        bucket, prefix = parse_root(root)
        if settings.s3_endpoint is None:
            raise InputError(
                f"{root} needs ATTEST_S3_ENDPOINT (host:port of the S3 server, e.g. minio.internal:9000), with "
                "ATTEST_S3_ACCESS_KEY and ATTEST_S3_SECRET_KEY, and ATTEST_S3_SECURE=false for plain http"
            )
        endpoint = settings.s3_endpoint.strip()
        if not endpoint or "://" in endpoint or "/" in endpoint:
            raise InputError(f"bad S3 endpoint {endpoint!r}: give host:port; ATTEST_S3_SECURE chooses https")
        http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=connect_timeout_s, read=read_timeout_s),
            retries=False,  # no hidden retries: S3Storage._call owns the retry schedule
            maxsize=10,
            cert_reqs="CERT_REQUIRED",
            ca_certs=ca_certs,
        )
        access_key = settings.s3_access_key.get_secret_value()
        try:
            client = Minio(
                endpoint,
                access_key=access_key or None,
                secret_key=settings.s3_secret_key.get_secret_value() if access_key else None,
                secure=settings.s3_secure,
                region=settings.s3_region or None,
                http_client=http,
            )
        except ValueError as exc:  # the SDK's messages name the endpoint, never the keys
            raise InputError(f"bad S3 endpoint {endpoint!r}: {_one_line(str(exc))}") from exc
        return cls(
            bucket,
            prefix,
            client,
            endpoint,
            attempts=attempts,
            backoff_s=backoff_s,
            deadline_s=deadline_s,
        )

    # -- plumbing ---------------------------------------------------------------------------

    def describe(self) -> str:
        return f"s3://{self.bucket}/{self.prefix} at {self.endpoint}"

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def _folder(self, prefix: str) -> str:
        """The object-name prefix of a folder: '<root>/<prefix>/' (or the root itself)."""
        prefix = prefix.rstrip("/")
        return self.prefix + check_key(prefix) + "/" if prefix else self.prefix

    def _call(self, fn: Callable[[], T]) -> T:
        """Run one S3 request with bounded retries; non-transient errors pass through."""
        start = time.monotonic()
        delay = self._backoff_s
        attempt = 1
        while True:
            try:
                return fn()
            except (MinioException, urllib3.exceptions.HTTPError, OSError) as exc:
                lasting = _lasting_reason(exc)
                if lasting is not None:  # said at once: ten seconds of retries would not mend it
                    raise StorageError(f"storage unreachable: {self.endpoint}: {lasting}") from exc
                reason = _transient_reason(exc)
                if reason is None:
                    raise
                elapsed = time.monotonic() - start
                if attempt >= self._attempts or elapsed + delay > self._deadline_s:
                    raise StorageError(
                        f"storage unreachable: {self.endpoint}: {reason} "
                        f"(after {attempt} attempt{'s' if attempt > 1 else ''}, {elapsed:.1f} s)"
                    ) from exc
                log.info(  # the final failure is the one-line error; retries show with --verbose
                    "storage %s: %s; retrying in %.2f s (attempt %d of %d)",
                    self.endpoint,
                    reason,
                    delay,
                    attempt + 1,
                    self._attempts,
                )
                self._sleep(delay)
                delay *= 2
                attempt += 1

    def _refused(self, exc: S3Error, what: str) -> StorageError:
        """A one-line StorageError for a non-transient S3 error (no request ids, no keys)."""
        if exc.code == "NoSuchBucket":
            return StorageError(f"bucket {self.bucket!r} does not exist at {self.endpoint}")
        if exc.code in _ACCESS_CODES:
            return StorageError(
                f"storage refused access: {self.endpoint}: {exc.code} (check ATTEST_S3_ACCESS_KEY/SECRET_KEY)"
            )
        status = exc.response.status if exc.response is not None else 0
        return StorageError(_one_line(f"cannot {what}: {self.endpoint}: HTTP {status} {exc.code}"))

    def _ensure_bucket(self) -> None:
        """Check once that the bucket exists: HEAD on a missing object cannot tell a missing
        bucket from a missing key, and a run against a wrong bucket must stop, not see nothing."""
        if self._bucket_checked:
            return
        try:
            found = self._call(lambda: self._client.bucket_exists(self.bucket))
        except S3Error as exc:
            raise self._refused(exc, f"check bucket {self.bucket}") from exc
        if not found:
            raise StorageError(f"bucket {self.bucket!r} does not exist at {self.endpoint}")
        self._bucket_checked = True

    # -- the Storage protocol -----------------------------------------------------------------

    def read(self, key: str) -> bytes:
        name = self._name(key)
        self._ensure_bucket()

        def get() -> bytes:
            resp = self._client.get_object(self.bucket, name)
            try:
                return resp.read()
            finally:
                resp.close()
                resp.release_conn()

        try:
            return self._call(get)
        except S3Error as exc:
            if exc.code == "NoSuchKey":
                raise NotFoundError(key) from exc
            raise self._refused(exc, f"read {key}") from exc

    def write(self, key: str, data: bytes) -> None:
        """One PUT: S3 makes the new object visible all at once, so readers never see half.

        Not the public put_object: it switches to a multipart upload above 5 MiB, which a
        retry would restart and leave half-uploaded parts behind. A single PUT takes up to
        5 GiB, far above the pipeline's file limit.
        """
        name = self._name(key)
        self._ensure_bucket()
        headers = {"Content-Type": _CONTENT_TYPE}
        try:
            self._call(lambda: self._client._put_object(self.bucket, name, data, dict(headers)))
        except S3Error as exc:
            raise self._refused(exc, f"write {key}") from exc

    def create(self, key: str, data: bytes) -> bool:
        """Write only if absent, atomically on the server (`If-None-Match: *`; 412 means taken).

        minio-py's public put_object turns unknown headers into x-amz-meta-* metadata, so the
        conditional PUT goes through the SDK's signed single-request `_put_object`.

        A retried attempt may meet the 412 caused by its own earlier attempt (the first PUT
        landed but its response was lost). Then the stored content decides: identical bytes
        count as created by us, which is harmless for append-only history.
        """
        name = self._name(key)
        self._ensure_bucket()
        headers = {"If-None-Match": "*", "Content-Type": _CONTENT_TYPE}
        tries = 0

        def put() -> None:
            nonlocal tries
            tries += 1
            self._client._put_object(self.bucket, name, data, dict(headers))

        try:
            self._call(put)
        except S3Error as exc:
            if exc.code == "PreconditionFailed" or (exc.response is not None and exc.response.status == 412):
                if tries > 1:
                    try:
                        return self.read(key) == data
                    except NotFoundError:
                        return False
                return False
            raise self._refused(exc, f"create {key}") from exc
        return True

    def exists(self, key: str) -> bool:
        name = self._name(key)
        self._ensure_bucket()
        try:
            self._call(lambda: self._client.stat_object(self.bucket, name))
        except S3Error as exc:
            if exc.code == "NoSuchKey":
                return False
            raise self._refused(exc, f"check {key}") from exc
        return True

    def iter_objects(self, prefix: str) -> Iterator[ObjectInfo]:
        """Every object under the folder `prefix`, recursively, keys relative to the root.

        A listing that breaks midway resumes after the last key yielded (S3 lists in key
        order), so a long listing is not restarted and nothing is yielded twice.
        """
        folder = self._folder(prefix)
        self._ensure_bucket()
        after: str | None = None
        while True:
            try:
                page, done = self._call(partial(self._list_page, folder, after))
            except S3Error as exc:
                raise self._refused(exc, f"list {prefix}") from exc
            yield from page
            if done or not page:
                return
            after = self.prefix + page[-1].key

    def _list_page(self, folder: str, after: str | None) -> tuple[list[ObjectInfo], bool]:
        """Up to `page_size` objects after `after`; True when the listing is complete."""
        page: list[ObjectInfo] = []
        listing = self._client.list_objects(self.bucket, prefix=folder, recursive=True, start_after=after)
        for obj in listing:
            name = obj.object_name or ""
            if not name.startswith(self.prefix) or name.endswith("/"):
                continue  # folder markers made by consoles are not objects
            page.append(ObjectInfo(name[len(self.prefix) :], obj.size or 0, _utc(obj.last_modified)))
            if len(page) >= self.page_size:
                return page, False
        return page, True

    def iter_folders(self, prefix: str) -> Iterator[Folders]:
        """Each folder below `prefix` with its objects, from one listing of the prefix (S3 lists in
        key order, so a folder's objects come together): a thousand objects a request, where a
        listing per folder would cost a request per submission. An object right under `prefix`
        comes as a folder of its own name with nothing under it."""
        base = prefix.rstrip("/") + "/" if prefix.strip("/") else ""
        name: str | None = None
        files: list[ObjectInfo] = []
        for info in self.iter_objects(prefix):
            head, _, rest = info.key[len(base) :].partition("/")
            if head != name:
                if name is not None:
                    yield name, tuple(files)
                name, files = head, []
            if rest:
                files.append(info)
        if name is not None:
            yield name, tuple(files)

    def children(self, prefix: str) -> list[str]:
        """Names one level below `prefix` (folders without the trailing '/', and files), raw."""
        folder = self._folder(prefix)
        self._ensure_bucket()

        def fetch() -> list[str]:
            names: set[str] = set()
            for obj in self._client.list_objects(self.bucket, prefix=folder, recursive=False):
                name = (obj.object_name or "")[len(folder) :].rstrip("/")
                if name:
                    names.add(name)
            return sorted(names)

        try:
            return self._call(fetch)
        except S3Error as exc:
            raise self._refused(exc, f"list {prefix}") from exc

    def delete(self, keys: Sequence[str]) -> None:
        """DeleteObjects, `delete_batch` keys a request, each request retried as any other (deleting twice
        is deleting once; a key already gone is no error). StorageError on the first batch the server
        refuses, or refuses in part."""
        names = [self._name(key) for key in keys]
        if not names:
            return
        self._ensure_bucket()
        for start in range(0, len(names), self.delete_batch):
            batch = [DeleteObject(name) for name in names[start : start + self.delete_batch]]
            try:
                # The SDK's public remove_objects batches too, but lazily and out of reach of `_call`'s retries.
                result = self._call(partial(self._client._delete_objects, self.bucket, batch, quiet=True))
            except S3Error as exc:
                raise self._refused(exc, f"delete {len(batch)} objects") from exc
            refused = [e for e in result.error_list if e.code not in ("NoSuchKey", "NoSuchVersion")]
            if refused:
                what = f"{len(refused)} of {len(batch)} objects"
                raise StorageError(_one_line(f"cannot delete {what}: {self.endpoint}: {refused[0].code}"))


def _utc(value: datetime | None) -> datetime:
    """S3 listings carry UTC times; make them aware UTC datetimes whatever the SDK returns."""
    if value is None:
        return datetime.fromtimestamp(0, UTC)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
