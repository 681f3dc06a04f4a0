"""The portal's manifest (contract §2). Parsing and the malformed rules live in validators.manifest."""

from datetime import date, datetime
from typing import Literal

from pydantic import ConfigDict, Field

from models.base import Category, Frozen, Kind


class Lenient(Frozen):
    """The portal may add fields; the schema allows them, so the models ignore them."""

    model_config = ConfigDict(frozen=True, extra="ignore")


class Applicant(Lenient):
    iin: str
    full_name: str = Field(min_length=1)
    email: str | None = None
    position: str | None = None
    organization: str | None = None


class CurrentCategory(Lenient):
    category: Category
    valid_until: date


class Request(Lenient):
    action: Literal["assign", "confirm"]
    category: Category
    current_category: CurrentCategory | None


class StateRecords(Lenient):
    diploma: bool
    employment: bool


class Provider(Lenient):
    name: str | None = None
    bin: str | None = None


class DocumentRef(Lenient):
    file: str
    kind: Kind


class Manifest(Lenient):
    schema_version: Literal[1]
    submission_id: str
    submitted_at: datetime
    channel: Literal["egov", "ustaz"]
    applicant: Applicant
    request: Request
    consent_personal_data: bool = False
    state_records: StateRecords
    provider: Provider | None = None
    documents: tuple[DocumentRef, ...]
