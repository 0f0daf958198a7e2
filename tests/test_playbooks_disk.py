"""The postgresql role's data disk: formatted once, mounted, never reformatted (a loop device here)."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess

import pytest
import yaml

from scripts.cloud.provision.playbook import run_playbook

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("losetup") is None or shutil.which("mkfs.ext4") is None,
    reason="needs root, losetup and mkfs.ext4",
)

PLAY = """\
- name: Data disk of the postgresql role
  hosts: disk-host
  gather_facts: false
  tasks:
    - name: Disk tasks
      ansible.builtin.include_role:
        name: postgresql
        tasks_from: disk.yml
"""


@pytest.fixture
def loop_disk(tmp_path):
    image = tmp_path / "disk.img"
    with image.open("wb") as fh:
        fh.truncate(64 * 1024 * 1024)
    dev = subprocess.run(["losetup", "--find", "--show", str(image)], capture_output=True, text=True, check=True)
    device = dev.stdout.strip()
    mount = tmp_path / "pgdata"
    try:
        yield device, mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True, check=False)
        subprocess.run(["losetup", "-d", device], capture_output=True, check=False)


def test_data_disk_is_formatted_once_and_mounted(tmp_path, loop_disk):
    device, mount = loop_disk
    fstab = tmp_path / "fstab"
    fstab.write_text("")
    playbook = tmp_path / "disk.yml"
    playbook.write_text(PLAY)
    inv = tmp_path / "inv.yml"
    inv.write_text(
        yaml.safe_dump(
            {
                "all": {
                    "hosts": {
                        "disk-host": {
                            "ansible_connection": "local",
                            "ansible_python_interpreter": "/usr/bin/python3",
                            "postgresql_data_disk_device": device,
                            "postgresql_data_disk_mount": str(mount),
                            "postgresql_data_disk_fstab": str(fstab),
                        }
                    }
                }
            }
        )
    )

    def run():
        result = run_playbook(inventory=inv, playbook=playbook, artifacts_dir=tmp_path / "artifacts")
        assert result.ok, result.to_dict()
        return result.hosts[0]

    first = run()
    assert first.changed == 3  # filesystem, mount, version directory
    fstype = subprocess.run(["blkid", "-o", "value", "-s", "TYPE", device], capture_output=True, text=True)
    assert fstype.stdout.strip() == "ext4"
    assert subprocess.run(["mountpoint", "-q", str(mount)], check=False).returncode == 0
    assert f"{device} {mount} ext4" in fstab.read_text()
    version_dir = mount / "15"
    assert pwd.getpwuid(version_dir.stat().st_uid).pw_name == "postgres"
    marker = mount / "keep-me"
    marker.write_text("data")

    second = run()
    assert second.changed == 0
    assert marker.read_text() == "data"  # not reformatted

    subprocess.run(["umount", str(mount)], check=True)
    third = run()  # a reboot without the mount: mounted again, data intact
    assert third.changed == 1
    assert marker.read_text() == "data"
