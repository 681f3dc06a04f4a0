"""What only the S3 backend has to get right: the root's prefix, the bucket, conditional PUTs."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pydantic import SecretStr

from models.errors import InputError, NotFoundError, StorageError
from models.settings import Settings
from storage.s3 import S3Storage, parse_root
from tests.s3_server import FlakyProxy, MotoServer

pytestmark = pytest.mark.slow


def _storage(server: MotoServer, prefix: str = "", endpoint: str | None = None, **kw: Any) -> S3Storage:
    settings = server.settings(server.make_bucket(), prefix, endpoint)
    return S3Storage.from_settings(settings.storage, settings, **kw)


@pytest.mark.parametrize(
    ("root", "bucket", "prefix"),
    [
        ("s3://attest", "attest", ""),
        ("s3://attest/", "attest", ""),
        ("s3://attest/some/prefix", "attest", "some/prefix/"),
        ("s3://attest/some/prefix/", "attest", "some/prefix/"),
    ],
)
def test_parse_root(root: str, bucket: str, prefix: str) -> None:
    assert parse_root(root) == (bucket, prefix)


@pytest.mark.parametrize("root", ["s3://", "s3:///x", "s3://Bad_Bucket", "s3://b/../x", "s3://b/a//c", "/data"])
def test_parse_root_refuses(root: str) -> None:
    with pytest.raises(InputError):
        parse_root(root)


@pytest.mark.parametrize("endpoint", ["http://minio:9000", "minio:9000/path", ""])
def test_endpoint_must_be_host_port(endpoint: str) -> None:
    settings = Settings(storage="s3://attest", s3_endpoint=endpoint, s3_secret_key=SecretStr("hush-1234"))
    with pytest.raises(InputError) as info:
        S3Storage.from_settings(settings.storage, settings)
    assert "hush-1234" not in str(info.value)


def test_prefix_root_keeps_keys_under_the_prefix(s3_server: MotoServer) -> None:
    bucket = s3_server.make_bucket()
    settings = s3_server.settings(bucket, "some/prefix")
    storage = S3Storage.from_settings(settings.storage, settings)
    client = s3_server.client()
    storage.write("verdicts/a.json", b"{}")
    client.put_object(bucket, "outside/b.json", io.BytesIO(b"x"), 1)
    client.put_object(bucket, "some/prefixed-sibling", io.BytesIO(b"x"), 1)

    names = sorted(o.object_name or "" for o in client.list_objects(bucket, recursive=True))
    assert names == ["outside/b.json", "some/prefix/verdicts/a.json", "some/prefixed-sibling"]
    assert [o.key for o in storage.iter_objects("")] == ["verdicts/a.json"]
    assert storage.children("") == ["verdicts"]
    assert not storage.exists("outside/b.json")
    with pytest.raises(NotFoundError):
        storage.read("outside/b.json")


def test_missing_bucket_is_a_storage_error_not_a_missing_key(s3_server: MotoServer) -> None:
    settings = s3_server.settings("no-such-bucket-here")
    storage = S3Storage.from_settings(settings.storage, settings)
    for call in (
        lambda: storage.read("verdicts/a.json"),
        lambda: storage.exists("verdicts/a.json"),
        lambda: storage.write("verdicts/a.json", b"x"),
        lambda: storage.children(""),
    ):
        with pytest.raises(StorageError) as info:
            call()
        assert not isinstance(info.value, NotFoundError)
        message = str(info.value)
        assert message == "bucket 'no-such-bucket-here' does not exist at " + s3_server.endpoint
        assert s3_server.secret_key not in message


def test_create_is_one_conditional_put(s3_server: MotoServer) -> None:
    """No HEAD-then-PUT race: the server decides, through If-None-Match: *."""
    with FlakyProxy(s3_server.port) as proxy:
        storage = _storage(s3_server, endpoint=proxy.endpoint)
        storage.exists("warm-up")  # bucket check
        proxy.log.clear()
        assert storage.create("verdict-history/a/0001.json", b"one") is True
        assert storage.create("verdict-history/a/0001.json", b"two") is False
        methods = [(method, headers.get("If-None-Match")) for method, _, headers in proxy.log]
        assert methods == [("PUT", "*"), ("PUT", "*")]
        assert storage.read("verdict-history/a/0001.json") == b"one"


def test_create_whose_response_was_lost(s3_server: MotoServer) -> None:
    """The first PUT lands but its answer is lost; the retry's 412 is our own object."""
    with FlakyProxy(s3_server.port) as proxy:
        storage = _storage(s3_server, endpoint=proxy.endpoint, backoff_s=0.01)
        storage.exists("warm-up")
        proxy.lose_next = 1
        assert storage.create("verdict-history/a/0001.json", b"one") is True
        assert proxy.failures_served == 1
        proxy.lose_next = 1
        assert storage.create("verdict-history/a/0001.json", b"other") is False
        assert storage.read("verdict-history/a/0001.json") == b"one"


def test_long_listing_is_paged_and_resumes(s3_server: MotoServer) -> None:
    with FlakyProxy(s3_server.port) as proxy:
        storage = _storage(s3_server, prefix="p", endpoint=proxy.endpoint, backoff_s=0.01)
        storage.page_size = 2
        keys = [f"submissions/s{i}/manifest.json" for i in range(7)]
        for key in keys:
            storage.write(key, b"{}")
        listing = storage.iter_objects("submissions")
        seen = [next(listing).key, next(listing).key]
        proxy.fail_next = 1  # the next page's first try fails
        seen += [info.key for info in listing]
        assert seen == sorted(keys)
        assert proxy.failures_served == 1


def test_a_large_write_is_one_put(s3_server: MotoServer) -> None:
    """Above 5 MiB the SDK's put_object goes multipart; ours stays one atomic PUT."""
    with FlakyProxy(s3_server.port) as proxy:
        storage = _storage(s3_server, endpoint=proxy.endpoint)
        storage.exists("warm-up")
        proxy.log.clear()
        data = bytes(range(256)) * (6 * 1024 * 4)  # 6 MiB
        storage.write("submissions-copy/big.pdf", data)
        assert [(method, "uploads" in path) for method, path, _ in proxy.log] == [("PUT", False)]
        assert storage.read("submissions-copy/big.pdf") == data


def test_delete_goes_in_batches_of_delete_batch(s3_server: MotoServer) -> None:
    """One DeleteObjects request a batch (S3 takes 1,000 keys a request at most), none for nothing."""
    with FlakyProxy(s3_server.port) as proxy:
        storage = _storage(s3_server, prefix="p", endpoint=proxy.endpoint)
        assert storage.delete_batch <= 1000
        storage.delete_batch = 2
        keys = [f"index/journal/2026-01-01/{i}" for i in range(5)]
        for key in [*keys, "index/journal/2026-01-02/kept"]:
            storage.write(key, b"")
        proxy.log.clear()
        storage.delete([])
        storage.delete(keys)
        assert [(method, "delete" in path) for method, path, _ in proxy.log] == [("POST", True)] * 3
        assert [o.key for o in storage.iter_objects("index")] == ["index/journal/2026-01-02/kept"]


def test_a_refused_delete_is_a_storage_error(s3_server: MotoServer) -> None:
    with FlakyProxy(s3_server.port) as proxy:
        storage = _storage(s3_server, endpoint=proxy.endpoint, attempts=2, backoff_s=0.01)
        storage.write("index/journal/2026-01-01/a", b"")
        proxy.fail_method, proxy.fail_next = "POST", 2
        with pytest.raises(StorageError, match="storage unreachable"):
            storage.delete(["index/journal/2026-01-01/a"])
        assert storage.exists("index/journal/2026-01-01/a")
