"""A deliberately small HTTP/1.1 keep-alive client for timed request loops.

httpx costs about 1.5 ms of CPU per request on this machine. The load generator shares the two
cores with the server, so at a few hundred requests a second httpx alone would take a third of
a core from the server and show up as server latency. This client does only what the loops
need: GET on one kept-alive connection, with a fixed Cookie header, reading the whole body.
"""

from __future__ import annotations

import asyncio


class LeanConnection:
    def __init__(self, host: str, port: int, cookies: dict[str, str]) -> None:
        self.host, self.port = host, port
        cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
        self.headers = f"Host: {host}:{port}\r\nConnection: keep-alive\r\n"
        if cookie:
            self.headers += f"Cookie: {cookie}\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        """The response's status; the body is read and thrown away. Reconnects once if closed."""
        try:
            return await self._get(path)
        except (asyncio.IncompleteReadError, ConnectionError):
            await self.close()
            return await self._get(path)

    async def _get(self, path: str) -> int:
        if self.reader is None or self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\n{self.headers}\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        headers = {}
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            await self._read_chunks(self.reader)
        if headers.get("connection") == "close":
            await self.close()
        return status

    @staticmethod
    async def _read_chunks(reader: asyncio.StreamReader) -> None:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")  # the blank line after the (absent) trailers
                return
            await reader.readexactly(size + 2)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None
