"""How ``kaleo-dr`` reaches the Compute Engine API: one set of client arguments for every caller."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def client_args(endpoint: str | None, credentials_file: Path | None) -> dict[str, Any]:
    """``client_options`` and ``credentials`` for a read-only ``compute_v1`` REST client.

    A service-account key file when one is configured (``gcp.credentials_file``), else the
    application default credentials; a plain-HTTP endpoint is a local stand-in and gets
    anonymous credentials (no Google account involved)."""
    from google.api_core.client_options import ClientOptions

    credentials: Any = None
    if credentials_file is not None:
        from google.oauth2 import service_account

        credentials = service_account.Credentials.from_service_account_file(
            str(credentials_file), scopes=["https://www.googleapis.com/auth/compute.readonly"]
        )
    elif endpoint and endpoint.startswith("http://"):
        from google.auth.credentials import AnonymousCredentials

        credentials = AnonymousCredentials()
    return {"client_options": ClientOptions(api_endpoint=endpoint) if endpoint else None, "credentials": credentials}
