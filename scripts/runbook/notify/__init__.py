"""``kaleo-dr notify``: tell every customer's designated contact, exactly once per update.

``kaleo-dr notify --phase investigating|identified|monitoring|resolved [--message TEXT]``
sends one email per contact of ``customers.csv`` for the current incident, rendered from
Jinja2 templates (text and HTML, ``StrictUndefined``: a missing variable is an error
before anything is sent), over the SMTP relay of ``notify.smtp`` with
``notify.fallback_smtp`` as second relay. Do not use a relay hosted on AWS (SES goes down
with AWS).

Never twice: each update has a number; before a message goes out, a ledger row
(incident, update, contact) is written as ``claimed``. The SMTP exchange is done step by
step (MAIL FROM, RCPT TO, DATA, the message) and, just before the final end-of-data
``.``, the row is marked ``data-sent`` and fsynced; it is marked ``sent`` once the relay
answered 250. Rerunning the same command resumes the same update:

* a ``claimed`` row (the run was killed or the connection dropped before end-of-data: the
  relay cannot have the message) is sent again;
* a ``data-sent`` row (killed between end-of-data and the relay's reply) is an *unknown
  outcome*: it is reported and not resent unless ``--resend-unknown`` is given;
* ``failed`` rows (the relay refused the message) are retried.

A resend keeps the message's Message-ID, so receiving systems can drop a duplicate.

TLS is always verified (``ssl.create_default_context()``; ``ca_file`` per relay for a
private CA), for SMTPS (``ssl: true``) and STARTTLS.

``kaleo-dr notify due`` says when the next status update is due per
``notify.cadence_minutes`` (exit 1 when it is overdue).

Exit codes: 0 every contact has the update; 1 some failed, are unknown or were not
attempted; 2 bad input or configuration.

Modules:

``templates``  the Jinja2 templates a message is rendered from;
``message``    the phases, an update, its recipients and one message assembled as MIME bytes;
``smtp``       one connection to one relay, the message sent step by step, the send rate limit;
``send``       the send run: every contact of an update over the relays, with the ledger protocol;
``update``     which update a run sends: the last one resumed, or the next number;
``cli``        ``kaleo-dr notify`` and ``kaleo-dr notify due``.
"""
