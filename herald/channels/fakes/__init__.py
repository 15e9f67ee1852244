"""Stateful fake networks for tests and the benchmark (httpx.MockTransport handlers)."""
