"""``kaleo-dr triage``: is Kaleo down, where, and whose fault is it?

Every check runs at the same time in its own thread with its own timeout, so one status
page that never answers cannot stall the others: a check that has not answered by its
deadline (its timeout plus ``triage.grace``) is reported ``unknown`` and triage moves on.
Each result is ``{name, category, status: ok|degraded|down|unknown, detail, latency_ms,
source}``.

Checks (all endpoints come from ``kaleo-dr.yaml``):

* ``vantage-dns:<provider>:<address>``, ``vantage-https:<provider>:<url>`` - the vantage
  check: public resolvers of several providers asked over UDP and TCP for a name unrelated
  to Kaleo, and HTTPS endpoints made for connectivity checks (a captive portal's answer does
  not count). When none answers, this machine is blind: the verdict is ``undetermined``,
  nothing is blamed, no clock starts, and the log records a vantage failure;
* ``aws-status:<feed>`` - the AWS Health Dashboard RSS feed of one service in one region;
* ``cloudflare`` - the Cloudflare Statuspage v2 summary (core components, edge locations,
  unresolved incidents); one edge location alone is not an outage;
* ``pingdom:<check>`` - Pingdom API 3.1 checks (Kaleo as seen from outside); for a DOWN check,
  the probe regions whose latest result in the last 15 minutes is DOWN;
* ``dns:<name>`` - the name resolved through several resolvers, answers compared;
  ``dns-soa:<zone>`` - the SOA serial on every authoritative server;
* ``http:<url>`` - Kaleo's public endpoints from here;
* ``aws:rds``, ``aws:ec2``, ``aws:s3:<bucket>``, ``aws:elasticache``, ``aws:opensearch`` -
  Kaleo's own AWS resources through boto3 with short timeouts and few retries. An AWS API
  that does not answer is evidence of an Amazon outage only while independent endpoints
  answer from the same machine.

The verdict names the continuity plan's branch the evidence points to and the next step.
``amazon-outage`` (which starts the Amazon-outage clock) needs at least two independent
sources to agree - a degraded or disrupted AWS status feed, AWS APIs failing while the
vantage is clear, Pingdom DOWN from several regions - and lists them. Every reason is
worded from the results it names: ``kaleo-code`` only when every provider check answered ok.
Exit code: 0 when the service is healthy, 1 when an outage is found, 3 when the picture is
undetermined, 2 for bad configuration. A healthy verdict while Pingdom or an HTTP probe could
not look exits 2 (a configuration cause such as a missing token) or 3 (unreachable). Every
run's evidence bundle goes to the incident log.

Modules
    ``checks``     the result types (``Status``, ``CheckResult``, ``Outcome``, ``Check``,
                   ``CheckError``) and the runner: every check at once, each with its deadline;
    ``httpchecks`` the shared HTTP client and the checks that use it: the AWS status feeds,
                   Cloudflare's Statuspage, Pingdom and the plain HTTP probes of Kaleo's endpoints;
    ``vantage``    the vantage check: can this machine see the Internet at all?
    ``dnschecks``  the DNS checks: a name through several resolvers, the SOA serial of a zone;
    ``aws``        Kaleo's own AWS resources (RDS, EC2, S3, ElastiCache, OpenSearch) through boto3;
    ``build``      the list of checks built from ``kaleo-dr.yaml``;
    ``verdict``    the plan's branch the results point to (:func:`~scripts.runbook.triage.verdict.decide`);
    ``cli``        the ``kaleo-dr triage`` command: run the checks, record the evidence, render it.
"""
