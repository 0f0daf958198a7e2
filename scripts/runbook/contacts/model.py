"""The contacts: emergency team members, customers, and the rows a file could not give."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

CUSTOMER_COLUMNS = ("customer_id", "name", "contact_name", "contact_email", "contact_phone", "components")
REQUIRED_CUSTOMER_COLUMNS = ("customer_id", "name", "contact_name", "contact_email")


@dataclass(frozen=True)
class RowError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class TeamMember:
    name: str
    role: str
    email: str
    mobile: str
    home: str | None
    line: int


@dataclass(frozen=True)
class Customer:
    customer_id: str
    name: str
    contact_name: str
    contact_email: str
    contact_phone: str | None
    components: tuple[str, ...]
    line: int

    @property
    def contact_key(self) -> str:
        """The ledger key of this customer's designated contact."""
        return f"{self.customer_id}:{self.contact_email.lower()}"


T = TypeVar("T")


@dataclass
class Loaded(Generic[T]):
    rows: list[T] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
