"""The helper's loop as Squid drives it: batches, split lines, concurrency ids, reloads."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from herald.network import acl_helper


def _snapshot(path: Path, action: str) -> None:
    path.write_text(
        json.dumps(
            {
                "format": acl_helper.FORMAT,
                "version": 1,
                "actions": {"gambling": action},
                "domains": {"bet365.com": "gambling"},
            }
        )
    )


def test_the_helper_answers_batches_and_follows_a_rewritten_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(acl_helper, "RELOAD_EVERY", 0.0)
    policy = tmp_path / "policy.json"
    _snapshot(policy, "block")
    in_read, in_write = os.pipe()
    out_read, out_write = os.pipe()
    thread = threading.Thread(target=acl_helper.serve, args=(str(policy), in_read, out_write))
    thread.start()
    replies = os.fdopen(out_read, "rb")
    try:
        # Two lookups in one write, the second split across two writes.
        os.write(in_write, b"0 www.bet365.com 10.0.0.1 -\n1 example.org 10.0.")
        os.write(in_write, b"0.1 -\n")
        assert (
            replies.readline()
            == b"0 OK tag=block:gambling message=Blocked%20by%20council%20policy%20(gambling)\n"
        )
        assert replies.readline() == b"1 ERR tag=allow:none\n"
        _snapshot(policy, "allow_log")
        os.utime(policy, (1, 1))  # a different modification time, whatever the clock
        os.write(in_write, b"2 bet365.com 10.0.0.1 -\n\n")
        assert replies.readline() == b"2 ERR tag=allow_log:gambling\n"
        assert replies.readline() == b"BH message=empty\n"
    finally:
        os.close(in_write)
        thread.join(timeout=5)
        replies.close()
        os.close(out_write)
        os.close(in_read)
    assert not thread.is_alive()


def test_warn_mode_denies_the_first_visit_to_a_warned_category_only() -> None:
    policy = acl_helper.Policy(
        {
            "format": acl_helper.FORMAT,
            "actions": {"file_sharing": "warn", "gambling": "block"},
            "domains": {"wetransfer.com": "file_sharing", "bet365.com": "gambling"},
        }
    )
    warnings = acl_helper.Warnings(3600)
    day = "2026-12-07"
    first = acl_helper.answer(policy, "0 www.wetransfer.com 10.0.0.1 ann", day, warnings)
    assert first == "0 OK tag=warn:file_sharing"
    assert acl_helper.answer(policy, "1 wetransfer.com 10.0.0.1 ann", day, warnings).startswith(
        "1 ERR"
    )
    # Someone else still sees the warning; a blocked site is the other helper's business.
    assert acl_helper.answer(policy, "2 wetransfer.com 10.0.0.2 bob", day, warnings).startswith(
        "2 OK"
    )
    assert acl_helper.answer(policy, "3 bet365.com 10.0.0.2 bob", day, warnings).startswith("3 ERR")
    assert warnings.first_visit("ann", "file_sharing", now=10**9)  # long after: warned again
