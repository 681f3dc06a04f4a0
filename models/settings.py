"""The one settings object. Read at the edge (CLI, Prefect entry points) and passed down."""

from datetime import date, time
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Window(BaseModel):
    """An application period set by the authorised body, in Astana dates, both ends included."""

    model_config = ConfigDict(frozen=True)
    start: date
    end: date


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ATTEST_", env_nested_delimiter="__", frozen=True, extra="ignore")

    storage: str = "./data"
    s3_endpoint: str = "localhost:9000"
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
    workers: int = Field(default=0, description="extraction processes; 0 means one per core")

    work_start: time = time(9, 0)
    work_end: time = time(18, 30)
    extra_days_off: tuple[date, ...] = ()
    extra_working_days: tuple[date, ...] = ()
    application_windows: tuple[Window, ...] = ()

    upload_grace_hours: float = 24.0

    # Notices (contract §1): signed with the provider's key. In production, the provider's RSA
    # certificate from НУЦ РК (pyHanko signs with RSA or ECDSA, not GOST). Unset: no notices.
    notice_pkcs12: Path | None = None
    notice_pkcs12_password: SecretStr = SecretStr("")
    notice_provider_pkcs12: dict[str, Path] = Field(default_factory=dict)  # provider BIN -> PKCS#12
    notice_provider_passwords: dict[str, SecretStr] = Field(default_factory=dict)
    review_users_file: Path | None = None  # the review desk's users (`attest review serve --users` overrides)
    notice_default_provider: str = "Қазақстан Республикасының Оқу-ағарту министрлігі"
