"""The one settings object. Read at the edge (CLI, Prefect entry points) and passed down."""

import re
from datetime import date, time
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
    TomlConfigSettingsSource,
)

from models.errors import InputError


class Window(BaseModel):
    """An application period set by the authorised body, in Astana dates, both ends included."""

    model_config = ConfigDict(frozen=True)
    start: date
    end: date


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ATTEST_", env_nested_delimiter="__", frozen=True, extra="ignore")

    storage: str = "./data"
    s3_endpoint: str | None = None  # host:port; required for an s3:// root (no silent localhost)
    s3_access_key: SecretStr = SecretStr("")
    s3_secret_key: SecretStr = SecretStr("")
    s3_secure: bool = True
    s3_region: str | None = None

    ocr_languages: str = "kaz+rus"
    ocr_dpi: int = 300
    ocr_page_timeout_s: float = 60.0
    ocr_min_confidence: float = 70.0
    max_page_pixels: int = 120_000_000  # about A0 at 300 dpi; larger pages are not rendered
    max_file_bytes: int = 100 * 1024 * 1024
    max_pages: int = 200
    file_timeout_s: float = 900.0
    # Memory a file's reading process may take beyond what its worker holds; a file that needs more goes
    # to a person (reader_failed), as one past file_timeout_s does. A grey A0 page at 300 dpi fits.
    reading_memory_mb: int = 400
    workers: int = Field(default=0, description="extraction processes; 0 means one per core")
    dask_address: str | None = None  # a Dask scheduler: reading goes to its workers instead of local processes

    work_start: time = time(9, 0)
    work_end: time = time(18, 30)
    extra_days_off: tuple[date, ...] = ()
    extra_working_days: tuple[date, ...] = ()
    application_windows: tuple[Window, ...] = ()

    upload_grace_hours: float = 24.0
    # The checks across submissions (essay.duplicate, document.reused) and their index in the storage
    # root. Off until switched on: essays written from one bank of sentences (the sample sets') are
    # near-duplicates of each other, as they should be found.
    cross_checks: bool = False

    # Notices (contract §1): signed with the provider's key. In production, the provider's RSA
    # certificate from НУЦ РК (pyHanko signs with RSA or ECDSA, not GOST). A refusal must reach the
    # teacher as a signed notice: with notices on and no key, nothing runs (`notices.maker`).
    # `notices = false` (ATTEST_NOTICES=off, or --no-notices) switches them off on purpose.
    notices: bool = True
    notice_pkcs12: Path | None = None
    notice_pkcs12_password: SecretStr = SecretStr("")
    notice_provider_pkcs12: dict[str, Path] = Field(default_factory=dict)  # provider BIN -> PKCS#12
    notice_provider_passwords: dict[str, SecretStr] = Field(default_factory=dict)
    review_users_file: Path | None = None  # the review desk's users (`attest review serve --users` overrides)
    notice_default_provider: str = "Қазақстан Республикасының Оқу-ағарту министрлігі"
    notice_default_provider_bin: str | None = None  # printed beside the default provider's name


SECRET_FIELDS = frozenset({"s3_access_key", "s3_secret_key", "notice_pkcs12_password", "notice_provider_passwords"})


# What a JSON-valued setting looks like, for the one-line error when it does not parse.
JSON_FORMATS = {
    "application_windows": '[{"start": "2026-09-01", "end": "2026-10-15"}]',
    "extra_days_off": '["2026-03-23"]',
    "extra_working_days": '["2026-03-28"]',
    "notice_provider_pkcs12": '{"123456789012": "keys/provider.p12"}',
    "notice_provider_passwords": '{"123456789012": "..."}',
}


def setting_name(field: str) -> str:
    """How a person sets it: the environment variable, and the config file's key."""
    return f"ATTEST_{field.upper()} ({field})"


def load_settings(config_file: Path | None = None) -> Settings:
    """Settings from the environment over an optional TOML file (environment wins); a bad value is an
    InputError naming the setting and what it should look like, never a traceback."""
    try:
        return _load(config_file)
    except SettingsError as exc:  # a JSON-valued setting that is not JSON
        found = re.search(r'field "(\w+)"', str(exc))
        field = found.group(1) if found else ""
        example = f", e.g. {JSON_FORMATS[field]}" if field in JSON_FORMATS else ""
        raise InputError(
            f"bad setting {setting_name(field) if field else ''}: not valid JSON; give JSON{example}"
        ) from exc
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else ""
        where = ".".join(str(x) for x in err["loc"][1:])
        example = f" (e.g. {JSON_FORMATS[field]})" if field in JSON_FORMATS else ""
        raise InputError(
            f"bad setting {setting_name(field)}{'[' + where + ']' if where else ''}: {err['msg']}{example}"
        ) from exc


def _load(config_file: Path | None) -> Settings:
    """Secrets are refused in the file: they come from the environment (or a secret store), so a
    config file can be kept in a repository."""
    if config_file is None:
        return Settings()
    if not config_file.is_file():
        raise InputError(f"config file {config_file} not found")
    import tomllib

    try:
        keys = set(tomllib.loads(config_file.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"config file {config_file}: {str(exc).splitlines()[0]}") from exc
    if keys & SECRET_FIELDS:
        raise InputError(
            f"config file {config_file} holds secrets ({', '.join(sorted(keys & SECRET_FIELDS))}); set them in the environment"
        )
    unknown = keys - set(Settings.model_fields)
    if unknown:
        raise InputError(f"config file {config_file}: unknown settings {', '.join(sorted(unknown))}")

    class FromFile(Settings):
        model_config = SettingsConfigDict(**{**Settings.model_config, "toml_file": config_file})

        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls), file_secret_settings)

    return Settings.model_validate(FromFile().model_dump())
