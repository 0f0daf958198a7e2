"""``kaleo-dr boot``: the provisioning bundle every Kaleo VM runs at boot.

A VM of the GCP stacks configures itself (``playbooks/boot/kaleo-boot.sh``, its
``startup-script``): it fetches ``bundles/kaleo-bundle-<version>.tar.gz`` from the release
bucket and runs it only if its sha256 is the pin in the stack config. The AWS continuity
agent does the same from its launch template's user data, with the bundle in its S3 boot
bucket (``agentBundleBucket``). ``boot bundle`` builds that archive from ``playbooks/``
(``site.yml``, ``continuity.yml`` and ``roles/``), byte for byte the same for the same files
(sorted entries, fixed times and owners), prints its sha256 and the ``pulumi config set``
lines that pin it, and writes it where ``--out`` says. Upload it before ``pulumi up``:
``gcloud storage cp FILE gs://<gcpReleaseBucket>/bundles/`` and
``aws s3 cp FILE s3://<agentBundleBucket>/bundles/``. The agent and the watcher also read
their role variables (kaleo-dr.yaml, secret references only) from ``vars/agent.yml`` and
``vars/watcher.yml`` in those buckets: ``boot vars`` (:mod:`scripts.cloud.bootvars`) writes them.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer

from scripts.cliapp import JsonOpt, new_app
from scripts.cloud.bootvars import vars_cmd
from scripts.output import BadInput, console, emit

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOKS = ROOT / "playbooks"
#: What a bundle holds: the playbook every VM runs at boot, the one it imports, the roles.
BUNDLE_MEMBERS = ("site.yml", "continuity.yml", "roles")
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$")


@dataclass
class Artifact:
    version: str
    object: str
    sha256: str
    size: int
    data: bytes


def bundle_object(version: str) -> str:
    return f"bundles/kaleo-bundle-{version}.tar.gz"


def release_object(version: str) -> str:
    return f"releases/kaleo-{version}.tar.gz"


def deterministic_tar(root: Path, members: list[str]) -> bytes:
    """A gzip'd tar of ``members`` (paths under ``root``): same files, same bytes."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        paths: list[Path] = []
        for member in members:
            path = root / member
            if not path.exists():
                raise BadInput(f"{path} is missing", hint="the bundle needs site.yml and roles/")
            paths += [path, *sorted(path.rglob("*"))] if path.is_dir() else [path]
        for path in paths:
            if "__pycache__" in path.parts:
                continue
            info = tar.gettarinfo(str(path), arcname=str(path.relative_to(root)))
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            info.mtime = 0
            info.mode = 0o755 if path.is_dir() or info.mode & 0o111 else 0o644
            if path.is_file():
                with path.open("rb") as fh:
                    tar.addfile(info, fh)
            else:
                tar.addfile(info)
    return gzip.compress(raw.getvalue(), mtime=0)


def build_bundle(version: str, playbooks: Path = PLAYBOOKS) -> Artifact:
    if not _VERSION.fullmatch(version):
        raise BadInput(f"--version {version!r} is not a version (letters, digits, . _ -)")
    data = deterministic_tar(playbooks, list(BUNDLE_MEMBERS))
    return Artifact(version, bundle_object(version), hashlib.sha256(data).hexdigest(), len(data), data)


def build_release(version: str, source: Path) -> Artifact:
    """An app release archive (``releases/kaleo-<version>.tar.gz``) of the folder ``source``."""
    if not _VERSION.fullmatch(version):
        raise BadInput(f"release version {version!r} is not a version (letters, digits, . _ -)")
    data = deterministic_tar(source, sorted(p.name for p in source.iterdir()))
    return Artifact(version, release_object(version), hashlib.sha256(data).hexdigest(), len(data), data)


app = new_app(
    "The provisioning bundle the GCP VMs and the AWS continuity agent run at boot (playbooks/boot/kaleo-boot.sh)."
)


@app.command("bundle")
def bundle_cmd(
    version: Annotated[str, typer.Option("--version", help="Bundle version, e.g. 2026.11.1 (kaleo:gcpBundleVersion).")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the archive here (default: ./kaleo-bundle-VERSION.tar.gz).")
    ] = None,
    playbooks: Annotated[
        Path, typer.Option("--playbooks", help="Folder with site.yml and roles/ (default: this checkout's).")
    ] = PLAYBOOKS,
    as_json: JsonOpt = False,
) -> None:
    """Build the bundle of site.yml, continuity.yml and the roles; print its sha256 and how to pin it in the stacks."""
    artifact = build_bundle(version, playbooks)
    path = out or Path(f"kaleo-bundle-{version}.tar.gz")
    path.write_bytes(artifact.data)
    pin = [
        f"pulumi config set --stack gcp kaleo:gcpBundleVersion {artifact.version}",
        f"pulumi config set --stack gcp kaleo:gcpBundleSha256 {artifact.sha256}",
        f"pulumi config set --stack gcp-standby kaleo:gcpBundleVersion {artifact.version}",
        f"pulumi config set --stack gcp-standby kaleo:gcpBundleSha256 {artifact.sha256}",
        f"pulumi config set --stack aws kaleo:agentBundleVersion {artifact.version}",
        f"pulumi config set --stack aws kaleo:agentBundleSha256 {artifact.sha256}",
    ]
    data = {
        "version": artifact.version,
        "file": str(path),
        "object": artifact.object,
        "sha256": artifact.sha256,
        "bytes": artifact.size,
        "pin": pin,
    }

    def render(_: object) -> None:
        console.print(f"bundle {artifact.version}: {path} ({artifact.size} bytes)")
        console.print(f"sha256 {artifact.sha256}")
        console.print(
            f"upload it as gs://<kaleo:gcpReleaseBucket>/{artifact.object} and "
            f"s3://<kaleo:agentBundleBucket>/{artifact.object}, then pin it:"
        )
        for line in pin:
            console.print(f"  {line}")

    emit(data, as_json, render)


app.command("vars")(vars_cmd)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="boot")
