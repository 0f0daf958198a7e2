"""``kaleo-dr provision``: configure the bare GCP VMs with Ansible.

* ``provision inventory`` lists the instances of the GCP stack by their labels
  (``app=kaleo``, ``stack=<stack>``, ``role=app|db|cache|search``) with google-cloud-compute
  and writes an Ansible YAML inventory: one group per role, private IPs, SSH through IAP
  as the OS Login user.
* ``provision run`` runs ``playbooks/site.yml`` through ansible-runner against that
  inventory (or any static one), shows per-host progress from the runner events, ends
  with a per-host table and keeps the runner artifacts (events, stdout) for the report.

Secrets (database, Redis, OpenSearch passwords and CA, GCS HMAC keys) are resolved here from
the environment, files or Secret Manager and reach Ansible only as extra vars written in a
private 0700 directory that is deleted after the run; the roles use them with ``no_log``.
A secret not given here is read by the VM itself from Secret Manager (the common role),
with the secret id the GCP stack wrote in the instance metadata.

Modules
    ``inventory``  the stack's instances by their labels, as an Ansible inventory;
    ``secrets``    the secrets handed to Ansible, from the environment, files or Secret Manager;
    ``playbook``   the playbook through ansible-runner, the scrubbed environment, per-host results;
    ``cli``        the ``kaleo-dr provision`` command (``inventory``, ``run``) and its reports.
"""
