"""The GCP OpenSearch cluster's CA certificate, read from Secret Manager.

The gcp stack generates the cluster CA and keeps it, certificate then private key (PEM), in the
Secret Manager secret ``kaleo-<stack>-search-ca``; the search VMs read it at boot. ``kaleo-dr``
verifies the cluster's TLS with the certificate part only: with ``search.gcp_ca_secret`` set and
no ``search.ca_file``, :func:`with_gcp_ca` reads the secret (``secrets.project`` or
``gcp.project``, ``secrets.endpoint``), keeps the certificate in ``<state.dir>/search/gcp-ca.pem``
(a certificate is public; the key never leaves memory) and returns the search settings with
``ca_file`` pointing at it. ``kaleo-dr search ca-cert`` writes it where an operator wants it
(``curl --cacert``).
"""

from __future__ import annotations

import hashlib
import re
import ssl
from pathlib import Path

from scripts.config import KaleoConfig, SearchSettings
from scripts.output import BadInput, CheckFailed, Inconclusive

_CERTIFICATE = re.compile(r"-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----")


def certificates_only(pem: str) -> str:
    """The CERTIFICATE blocks of ``pem`` (a private key next to them is dropped)."""
    return "".join(block + "\n" for block in _CERTIFICATE.findall(pem))


def gcp_ca_certificate(cfg: KaleoConfig) -> str:
    """The certificate part of ``search.gcp_ca_secret`` (PEM); the error names the secret and the key."""
    from scripts.cloud.secrets import SecretManagerError, secret_manager

    name = cfg.search.gcp_ca_secret
    if not name:
        raise BadInput("search.gcp_ca_secret is not set (the gcp stack's kaleo-<stack>-search-ca secret)")
    what = f"the search CA secret {name} (search.gcp_ca_secret)"
    try:
        data = secret_manager(cfg).access(name)
    except SecretManagerError as exc:
        if exc.status == 0 or exc.status >= 500:
            raise Inconclusive(f"{what}: {exc}") from exc
        raise CheckFailed(f"{what}: {exc}", hint="the caller needs roles/secretmanager.secretAccessor on it") from exc
    if data is None:
        raise CheckFailed(f"{what} does not exist or has no enabled version", hint="pulumi up --stack gcp creates it")
    pem = certificates_only(data.decode("utf-8", errors="replace"))
    if not pem:
        raise CheckFailed(f"{what} holds no PEM certificate")
    try:
        ssl.create_default_context(cadata=pem)
    except ssl.SSLError as exc:
        raise CheckFailed(f"{what}: its certificate does not load: {exc}") from exc
    return pem


def write_certificate(pem: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(pem, encoding="utf-8")
    path.chmod(0o644)
    return path


def fingerprint(pem: str) -> str:
    """SHA-256 fingerprint of the first certificate, as ``openssl x509 -fingerprint -sha256`` prints it."""
    der = ssl.PEM_cert_to_DER_cert(_CERTIFICATE.findall(pem)[0])
    return ":".join(f"{b:02X}" for b in hashlib.sha256(der).digest())


def default_path(cfg: KaleoConfig) -> Path:
    return cfg.state.dir / "search" / "gcp-ca.pem"


def with_gcp_ca(cfg: KaleoConfig) -> SearchSettings:
    """``cfg.search``, with ``ca_file`` set to the CA certificate from Secret Manager when
    ``search.gcp_ca_secret`` is set and ``search.ca_file`` is not (an explicit ca_file wins)."""
    s = cfg.search
    if s.ca_file is not None or not s.gcp_ca_secret:
        return s
    path = write_certificate(gcp_ca_certificate(cfg), default_path(cfg))
    return s.model_copy(update={"ca_file": path})
