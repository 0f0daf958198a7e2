"""AWS Health Dashboard RSS stand-in: ``/rss/<service>-<region>.rss`` per service and region.

Item titles follow the dashboard's wording: ``Service is operating normally``,
``Informational message``, ``Performance issues``, ``Service disruption``; newest first.
Scenarios:

* ``ok``, ``region-down``: every feed holds one old resolved item;
* ``aws-outage``: feeds of the ``regions`` (default ``us-east-1``) report a service
  disruption that began at ``outage_start`` (default: two hours ago); the newest item's
  title is ``latest_title`` (default ``Service disruption: ...``: set it to play
  ``Performance issues: ...``, ``Informational message: ...`` or a resolution);
* ``hang``: never answers.
"""

from __future__ import annotations

import time
from email.utils import formatdate
from typing import Any, ClassVar
from xml.sax.saxutils import escape

from scripts.standins._http import HttpStandin, Response


class AwsStatusStandin(HttpStandin):
    service: ClassVar[str] = "awsstatus"

    def defaults(self, scenario: str) -> dict[str, Any]:
        return {
            "outage_start": int(time.time()) - 2 * 3600,
            "regions": ["us-east-1"],
            "latest_title": "Service disruption: Increased error rates and latencies",
        }

    def items(self, feed: str) -> list[tuple[str, int, str]]:
        start = int(self.options["outage_start"])
        resolved = (
            "Service is operating normally: [RESOLVED] Elevated error rates",
            start - 30 * 86400,
            "Between 10:02 AM and 10:40 AM PDT we experienced elevated error rates. The issue is resolved.",
        )
        if self.scenario == "aws-outage" and any(feed.endswith(r) for r in self.options["regions"]):
            service, _, region = feed.partition("-")
            return [
                (
                    str(self.options["latest_title"]),
                    start + 45 * 60,
                    f"We continue to work on the {service.upper()} issue in the {region.upper()} Region.",
                ),
                (
                    "Informational message: Increased API error rates",
                    start,
                    f"We are investigating increased API error rates for {service.upper()} in the {region.upper()} "
                    "Region.",
                ),
                resolved,
            ]
        return [resolved]

    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        name = path.rsplit("/", 1)[-1]
        if not name.endswith(".rss"):
            return 404, "text/plain", b"not found"
        feed = name.removesuffix(".rss")
        entries = []
        for title, at, body in self.items(feed):
            entries.append(
                "<item>"
                f'<title type="text">{escape(title)}</title>'
                "<link>https://status.aws.amazon.com/</link>"
                f"<pubDate>{formatdate(at, usegmt=True)}</pubDate>"
                f'<guid isPermaLink="false">https://status.aws.amazon.com/#{escape(feed)}_{at}</guid>'
                f'<description type="text">{escape(body)}</description>'
                "</item>"
            )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title><![CDATA[Amazon {escape(feed)} Service Status]]></title>"
            "<link>https://status.aws.amazon.com/</link><language>en-us</language>"
            f"<lastBuildDate>{formatdate(time.time(), usegmt=True)}</lastBuildDate>"
            "<ttl>5</ttl>" + "".join(entries) + "</channel></rss>"
        )
        return 200, "application/rss+xml", xml.encode()


if __name__ == "__main__":
    AwsStatusStandin.main()
