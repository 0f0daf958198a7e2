"""Which backups are trusted: Ed25519-signed manifests, and no backup from the future.

A backup is a manifest (``manifest.json``) listing every file with its size and sha256;
restore checks every file against it before the target is touched. Whoever can write
the manifest therefore decides what is restored. So the manifest is signed:

* ``backup create`` signs the exact bytes of ``manifest.json`` with the Ed25519 private
  key of ``backup.signing_key`` (a secret reference: ``env:NAME`` / ``file:/path``, held
  only by the machine that makes backups) and writes ``manifest.json.sig`` (base64)
  *before* the manifest, so a manifest never exists without its signature.
* Every reader (``backup list/verify/freshness``, ``restore``, ``failover``, the watcher)
  verifies the signature with the public key of ``backup.public_key`` *before* the
  manifest is parsed, so before any byte of the backup is used. The public key is not
  a secret; the readers cannot sign.
* ``backup.require_signature`` (default: on as soon as ``backup.public_key`` is set):
  an unsigned or badly signed backup is refused, listed with the reason and skipped by
  restore exactly like a corrupt one.

Independently of keys, a backup whose id or ``data_as_of`` is later than now plus
:data:`FUTURE_SLACK` is refused as *future-dated*: it would otherwise always sort as the
newest backup and make the RPO check report a negative age.

``kaleo-dr backup keygen`` writes a key pair (private key 0600).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scripts.output import BadInput, CheckFailed

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

    from scripts.config import BackupSettings

SIGNATURE_NAME = "manifest.json.sig"
FUTURE_SLACK = dt.timedelta(minutes=5)


def signature_key(backup_id: str) -> str:
    return f"{backup_id}/{SIGNATURE_NAME}"


# -- keys -------------------------------------------------------------------------------------------


def load_public_key(text: str, what: str = "backup.public_key") -> Ed25519PublicKey:
    """An Ed25519 public key: PEM, ``file:/path`` to a PEM file, or the 32 raw bytes in base64."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    value = text.strip()
    if value.startswith("file:"):
        path = Path(value[5:]).expanduser()
        try:
            value = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise BadInput(f"{what}: cannot read {path}: {exc.strerror}") from exc
    try:
        if value.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(value.encode())
        else:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(value, validate=True))
    except (ValueError, TypeError, binascii.Error) as exc:
        raise BadInput(f"{what} is not an Ed25519 public key (PEM or base64 of 32 bytes): {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise BadInput(f"{what} is a {type(key).__name__}, not an Ed25519 public key")
    return key


def load_signing_key(ref: str, what: str = "backup.signing_key") -> Ed25519PrivateKey:
    """The Ed25519 private key behind a secret reference (PEM PKCS#8 without passphrase)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from scripts.config import resolve_secret

    pem = resolve_secret(ref, what)
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as exc:
        # the message of cryptography never contains the key material
        raise BadInput(f"{what} is not a PEM private key without passphrase: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise BadInput(f"{what} is a {type(key).__name__}, not an Ed25519 private key")
    return key


def public_key_text(key: Ed25519PublicKey) -> str:
    """The base64 form of a public key, as ``backup.public_key`` takes it."""
    from cryptography.hazmat.primitives import serialization

    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def generate(private_out: Path) -> str:
    """Write a new Ed25519 private key (PEM, 0600, never overwritten); return the public key (base64)."""
    import os

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    try:
        fd = os.open(private_out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise BadInput(f"{private_out} exists: a signing key is never overwritten") from exc
    except OSError as exc:
        raise BadInput(f"cannot write {private_out}: {exc.strerror}") from exc
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    return public_key_text(key.public_key())


def sign(key: Ed25519PrivateKey, body: bytes) -> bytes:
    """The signature file's content: base64 of the Ed25519 signature of ``body``, newline-terminated."""
    return base64.b64encode(key.sign(body)) + b"\n"


# -- the policy -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrustPolicy:
    public_key: Ed25519PublicKey | None = None
    require_signature: bool = False

    @classmethod
    def from_settings(cls, settings: BackupSettings) -> TrustPolicy:
        key = load_public_key(settings.public_key) if settings.public_key else None
        require = settings.require_signature if settings.require_signature is not None else key is not None
        if require and key is None:
            raise BadInput(
                "backup.require_signature is on but backup.public_key is not set: nothing could be verified",
                hint="set backup.public_key (kaleo-dr backup keygen prints it)",
            )
        return cls(key, require)

    @classmethod
    def current(cls) -> TrustPolicy:
        """The policy of this invocation's ``kaleo-dr.yaml``."""
        from scripts.cliapp import get_config

        return cls.from_settings(get_config().backup)

    def check(self, body: bytes, signature: bytes | None, where: str) -> bool:
        """Verify ``body`` (the manifest's bytes) before it is parsed; True when a valid signature was checked.

        CheckFailed when it must be refused: badly signed (always, when a key is configured),
        or unsigned while signatures are required."""
        from cryptography.exceptions import InvalidSignature

        if self.public_key is None:
            if self.require_signature:  # pragma: no cover - refused in from_settings
                raise CheckFailed(f"{where}: no public key to verify the signature with")
            return False
        if signature is None:
            if self.require_signature:
                raise CheckFailed(
                    f"{where}: unsigned (no {SIGNATURE_NAME}); backup.require_signature refuses it",
                    hint="only backups signed with backup.signing_key are restored",
                )
            return False
        try:
            raw = base64.b64decode(signature.strip(), validate=True)
            self.public_key.verify(raw, body)
        except (InvalidSignature, binascii.Error, ValueError) as exc:
            raise CheckFailed(
                f"{where}: bad signature: the manifest was not signed by the key of backup.public_key "
                "(altered or forged); refused",
            ) from exc
        return True


def check_not_future(backup_id: str, data_as_of: dt.datetime | None, now: dt.datetime | None = None) -> None:
    """CheckFailed when the backup's id time or ``data_as_of`` is later than now + 5 minutes."""
    from scripts.db.manifest import backup_time

    limit = (now or dt.datetime.now(dt.UTC)) + FUTURE_SLACK
    for what, moment in (("id", backup_time(backup_id)), ("data_as_of", data_as_of)):
        if moment is None:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        if moment > limit:
            raise CheckFailed(
                f"backup {backup_id}: future-dated ({what} {moment.isoformat()} is after now + "
                f"{int(FUTURE_SLACK.total_seconds() // 60)} min); refused, never the newest",
                hint="a clock far off on the machine that made it, or a planted backup",
            )


def is_future(backup_id: str, now: dt.datetime | None = None) -> bool:
    try:
        check_not_future(backup_id, None, now)
    except CheckFailed:
        return True
    return False
