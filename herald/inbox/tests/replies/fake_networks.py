"""Small stateful fakes of the comment APIs the inbox uses, answering in each network's
documented shapes: Graph API comments (Facebook Pages, Instagram), X's replies and hidden
replies, YouTube's comments and setModerationStatus, Mastodon's statuses and context. Each keeps
what it was sent, so a test can count what exists on the network side."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

import httpx

_ids = itertools.count(1000)


@dataclass
class Comment:
    id: str
    parent: str
    text: str
    author: str
    hidden: bool = False
    deleted: bool = False
    status: str = "published"


@dataclass
class FakeComments:
    """One network's comments. ``network`` picks the routes and shapes."""

    network: str
    me: str = "page-1"
    comments: dict[str, Comment] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # Idempotency-Key → id (Mastodon)
    calls: list[tuple[str, str]] = field(default_factory=list)

    def resident_comment(self, text: str = "Why is my bin not collected?") -> str:
        made = Comment(id=f"c{next(_ids)}", parent="post-1", text=text, author="resident")
        self.comments[made.id] = made
        return made.id

    def replies_to(self, parent: str) -> list[Comment]:
        return [c for c in self.comments.values() if c.parent == parent and not c.deleted]

    def _reply(self, parent: str, text: str) -> Comment:
        made = Comment(id=f"r{next(_ids)}", parent=parent, text=text, author=self.me)
        self.comments[made.id] = made
        return made

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append((request.method, request.url.path))
        body = json.loads(request.content or b"{}") if request.content else {}
        handler = getattr(self, f"_{self.network}")
        answer: httpx.Response = handler(request, request.url.path.split("/"), body)
        return answer

    # Graph API: /vNN/{id}/comments, /vNN/{id}/replies, POST|DELETE /vNN/{id}
    def _graph(self, request: httpx.Request, parts: list[str], body: dict[str, Any]) -> Any:
        target = parts[2]
        if len(parts) == 4 and request.method == "POST":
            made = self._reply(target, str(body["message"]))
            return httpx.Response(200, json={"id": made.id})
        if len(parts) == 4:
            data = [
                {
                    "id": c.id,
                    "message": c.text,
                    "text": c.text,
                    "username": c.author,
                    "from": {"id": c.author, "name": c.author},
                    "created_time": "2026-12-07T08:00:00+0000",
                    "timestamp": "2026-12-07T08:00:00+0000",
                }
                for c in self.replies_to(target)
            ]
            return httpx.Response(200, json={"data": data})
        comment = self.comments.get(target)
        if comment is None:
            return httpx.Response(400, json={"error": {"code": 100, "error_subcode": 33}})
        if request.method == "DELETE":
            comment.deleted = True
            return httpx.Response(200, json={"success": True})
        # A Page hides with is_hidden, Instagram with hide: each refuses the other's field.
        hides_with = "is_hidden" if self.network == "facebook" else "hide"
        if hides_with not in body:
            error = {"code": 100, "message": f"(#100) {hides_with} is required"}
            return httpx.Response(400, json={"error": error})
        comment.hidden = bool(body[hides_with])
        return httpx.Response(200, json={"success": True})

    _facebook = _graph
    _instagram = _graph

    # X: POST /2/tweets, GET /2/users/{id}/tweets, PUT /2/tweets/{id}/hidden
    def _x(self, request: httpx.Request, parts: list[str], body: dict[str, Any]) -> Any:
        if request.method == "POST":
            made = self._reply(str(body["reply"]["in_reply_to_tweet_id"]), str(body["text"]))
            return httpx.Response(201, json={"data": {"id": made.id, "text": made.text}})
        if request.method == "PUT":
            self.comments[parts[3]].hidden = bool(body["hidden"])
            return httpx.Response(200, json={"data": {"hidden": bool(body["hidden"])}})
        mine = [c for c in self.comments.values() if c.author == self.me]
        data = [{"id": c.id, "text": c.text, "created_at": "2026-12-07T08:00:00Z"} for c in mine]
        return httpx.Response(200, json={"data": data, "meta": {"result_count": len(data)}})

    # YouTube: POST|GET /youtube/v3/comments, POST /youtube/v3/comments/setModerationStatus
    def _youtube(self, request: httpx.Request, parts: list[str], body: dict[str, Any]) -> Any:
        params = request.url.params
        if parts[-1] == "setModerationStatus":
            self.comments[params["id"]].status = params["moderationStatus"]
            return httpx.Response(204)
        if request.method == "POST":
            snippet = body["snippet"]
            made = self._reply(str(snippet["parentId"]), str(snippet["textOriginal"]))
            return httpx.Response(200, json={"kind": "youtube#comment", "id": made.id})
        items = [
            {
                "kind": "youtube#comment",
                "id": c.id,
                "snippet": {
                    "textOriginal": c.text,
                    "parentId": c.parent,
                    "authorChannelId": {"value": c.author},
                    "publishedAt": "2026-12-07T08:00:00Z",
                },
            }
            for c in self.replies_to(params["parentId"])
        ]
        return httpx.Response(200, json={"kind": "youtube#commentListResponse", "items": items})

    # Mastodon: POST /api/v1/statuses (Idempotency-Key), GET /api/v1/statuses/{id}/context
    def _mastodon(self, request: httpx.Request, parts: list[str], body: dict[str, Any]) -> Any:
        if request.method == "POST":
            key = request.headers.get("Idempotency-Key", "")
            if key in self.keys:
                made = self.comments[self.keys[key]]
            else:
                made = self._reply(str(body["in_reply_to_id"]), str(body["status"]))
                self.keys[key] = made.id
            return httpx.Response(200, json=self._status(made))
        parent = parts[4]
        return httpx.Response(
            200,
            json={
                "ancestors": [],
                "descendants": [self._status(c) for c in self.replies_to(parent)],
            },
        )

    def _status(self, comment: Comment) -> dict[str, Any]:
        return {
            "id": comment.id,
            "url": f"https://social.example/@council/{comment.id}",
            "content": f"<p>{comment.text}</p>",
            "in_reply_to_id": comment.parent,
            "created_at": "2026-12-07T08:00:00.000Z",
            "account": {"id": comment.author},
        }
