"""OpenSearch stand-in: the public REST shapes of snapshots, indices and counts.

No OpenSearch server can be installed on the test machines, so ``kaleo-dr search`` is tested
against this. It serves, with OpenSearch's JSON shapes and error types:

* ``PUT /_snapshot/{repo}`` (``{"type": "s3"|"gcs"|"fs", "settings": {"bucket", "base_path", ...}}``),
  ``GET /_snapshot/{repo}`` (404 ``repository_missing_exception``);
* ``PUT /_snapshot/{repo}/{snapshot}?wait_for_completion=true`` (``indices``, ``metadata``),
  ``GET /_snapshot/{repo}/_all``;
* ``POST /_snapshot/{repo}/{snapshot}/_restore?wait_for_completion=true`` (refused with
  ``snapshot_restore_exception`` when an open index of the same name exists);
* ``GET /_cat/indices?format=json``, ``GET /{index}/_count``, ``PUT /{index}``, ``DELETE /{index}``,
  ``POST /{index}/_doc``, ``GET /_cluster/health``.

A repository's bucket is a folder ``<repository_root>/<bucket>/<base_path>`` holding one JSON
file per snapshot (the indices and their documents), so copying the S3 bucket's folder to the
GCS bucket's folder is what Storage Transfer does. Options: ``indices`` (name -> list of
documents), ``repository_root``, ``user``/``password`` (basic auth required when set),
``readonly_refused`` (a ``gcs`` repository registered without ``readonly``). Scenarios: ``ok``, ``hang``.
"""

from __future__ import annotations

import base64
import json
import re
import time
import uuid
from pathlib import Path
from typing import Any, ClassVar

from scripts.search.snapshot import index_matches as _matches
from scripts.standins._http import HttpStandin, Response, json_response

_SNAPSHOT = re.compile(r"^/_snapshot/(?P<repo>[^/_][^/]*)(?:/(?P<snap>[^/]+))?(?P<restore>/_restore)?$")
_INDEX = re.compile(r"^/(?P<index>[^_/][^/]*)(?P<op>/_count|/_doc)?$")


def _error(kind: str, reason: str, status: int) -> Response:
    return json_response({"error": {"root_cause": [{"type": kind, "reason": reason}], "type": kind, "reason": reason},
                          "status": status}, status)  # fmt: skip


class OpenSearchStandin(HttpStandin):
    service: ClassVar[str] = "opensearch"
    scenarios: ClassVar[tuple[str, ...]] = ("ok", "hang")

    def defaults(self, scenario: str) -> dict[str, Any]:
        return {"indices": {}, "repositories": {}, "repository_root": None, "user": None, "password": None}

    # -- helpers ---------------------------------------------------------------------------
    def _folder(self, repo: dict[str, Any]) -> Path:
        settings = repo["settings"]
        root = Path(self.options["repository_root"])
        return root / str(settings.get("bucket") or settings.get("location")) / str(settings.get("base_path") or "")

    def _snapshots(self, repo: dict[str, Any]) -> list[dict[str, Any]]:
        folder = self._folder(repo)
        out = []
        for path in sorted(folder.glob("snap-*.json")) if folder.is_dir() else []:
            out.append(json.loads(path.read_text(encoding="utf-8")))
        return sorted(out, key=lambda s: s["start_time_in_millis"])

    def _authorized(self, headers: dict[str, str]) -> bool:
        user, password = self.options["user"], self.options["password"]
        if not user:
            return True
        expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        return headers.get("authorization") == expected

    # -- routes ----------------------------------------------------------------------------
    def route(self, method: str, path: str, query: dict[str, str], headers: dict[str, str]) -> Response:
        return self.route_with_body(method, path, query, headers, b"")

    def route_with_body(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], body: bytes
    ) -> Response:
        if not self._authorized(headers):
            return _error("security_exception", "missing authentication credentials", 401)
        try:
            doc = json.loads(body) if body else {}
        except json.JSONDecodeError as exc:
            return _error("parse_exception", str(exc), 400)
        with self.lock:
            if path == "/_cluster/health":
                return json_response({"cluster_name": "kaleo", "status": "green", "number_of_nodes": 1})
            if path == "/_cat/indices" and method == "GET":
                rows = [
                    {"health": "green", "status": "open", "index": name, "docs.count": str(len(docs))}
                    for name, docs in sorted(self.options["indices"].items())
                ]
                return json_response(rows)
            match = _SNAPSHOT.match(path)
            if match:
                return self._snapshot_route(method, match, query, doc)
            match = _INDEX.match(path)
            if match:
                return self._index_route(method, match["index"], match["op"], doc)
        return _error("illegal_argument_exception", f"no handler for {method} {path}", 400)

    def _snapshot_route(self, method: str, match: re.Match[str], query: dict[str, str], doc: Any) -> Response:
        repos: dict[str, Any] = self.options["repositories"]
        name, snap = match["repo"], match["snap"]
        if snap is None:
            if method == "PUT":
                if not isinstance(doc, dict) or doc.get("type") not in ("s3", "gcs", "fs"):
                    return _error("repository_exception", f"[{name}] repository type missing or unknown", 500)
                if not self.options["repository_root"]:
                    return _error("repository_verification_exception", f"[{name}] no storage for the bucket", 500)
                repos[name] = {"type": doc["type"], "settings": dict(doc.get("settings") or {})}
                self._folder(repos[name]).mkdir(parents=True, exist_ok=True)
                return json_response({"acknowledged": True})
            if name not in repos:
                return _error("repository_missing_exception", f"[{name}] missing", 404)
            return json_response({name: repos[name]})
        if name not in repos:
            return _error("repository_missing_exception", f"[{name}] missing", 404)
        repo = repos[name]
        if snap == "_all" and method == "GET":
            return json_response({"snapshots": self._snapshots(repo)})
        if match["restore"] and method == "POST":
            return self._restore(repo, snap, doc)
        if method == "PUT":
            if str(repo["settings"].get("readonly", "false")).lower() == "true":
                return _error("repository_exception", f"[{name}] cannot create snapshot in a readonly repository", 500)
            patterns = str(doc.get("indices") or "*")
            chosen = {i: docs for i, docs in self.options["indices"].items() if _matches(i, patterns)}
            record = {
                "snapshot": snap,
                "uuid": uuid.uuid4().hex,
                "state": "SUCCESS",
                "indices": sorted(chosen),
                "metadata": doc.get("metadata") or {},
                "start_time_in_millis": int(time.time() * 1000),
                "shards": {"total": len(chosen), "failed": 0, "successful": len(chosen)},
                "_data": chosen,
            }
            (self._folder(repo) / f"snap-{snap}.json").write_text(json.dumps(record), encoding="utf-8")
            public = {k: v for k, v in record.items() if k != "_data"}
            return json_response(
                {"snapshot": public} if query.get("wait_for_completion") == "true" else {"accepted": True}
            )
        return _error("illegal_argument_exception", f"unsupported {method} on a snapshot", 400)

    def _restore(self, repo: dict[str, Any], snap: str, doc: Any) -> Response:
        found = next((s for s in self._snapshots(repo) if s["snapshot"] == snap), None)
        if found is None:
            return _error("snapshot_missing_exception", f"[{snap}] is missing", 404)
        patterns = str(doc.get("indices") or "*")
        chosen = {i: docs for i, docs in found["_data"].items() if _matches(i, patterns)}
        clash = sorted(set(chosen) & set(self.options["indices"]))
        if clash:
            return _error(
                "snapshot_restore_exception",
                f"[{snap}] cannot restore index [{clash[0]}] because an open index with same name already exists "
                "in the cluster. Either close or delete the existing index or restore the index under a different "
                "name by providing a rename pattern and replacement name",
                500,
            )
        self.options["indices"].update({i: list(docs) for i, docs in chosen.items()})
        shards = {"total": len(chosen), "failed": 0, "successful": len(chosen)}
        return json_response({"snapshot": {"snapshot": snap, "indices": sorted(chosen), "shards": shards}})

    def _index_route(self, method: str, index: str, op: str | None, doc: Any) -> Response:
        indices: dict[str, list[Any]] = self.options["indices"]
        if op == "/_count":
            if index not in indices:
                return _error("index_not_found_exception", f"no such index [{index}]", 404)
            return json_response({"count": len(indices[index]), "_shards": {"total": 1, "failed": 0}})
        if op == "/_doc" and method == "POST":
            indices.setdefault(index, []).append(doc)
            return json_response({"_index": index, "result": "created"}, 201)
        if method == "PUT":
            if index in indices:
                return _error("resource_already_exists_exception", f"index [{index}] already exists", 400)
            indices[index] = []
            return json_response({"acknowledged": True, "index": index})
        if method == "DELETE":
            if indices.pop(index, None) is None:
                return _error("index_not_found_exception", f"no such index [{index}]", 404)
            return json_response({"acknowledged": True})
        return _error("illegal_argument_exception", f"unsupported {method} /{index}", 400)


if __name__ == "__main__":
    OpenSearchStandin.main()
