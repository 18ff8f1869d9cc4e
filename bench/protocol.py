"""A Streamlit client without a browser: one session over the websocket protocol the browser
speaks (`/_stcore/stream`, `BackMsg` protobufs up, `ForwardMsg` protobufs down, both shipped with
the streamlit package), enough to open a page with URL parameters, change a widget and move to
another page, timing each script run from the request to `script_finished`.

What it does like a browser: it first loads the page over HTTP (so a proxy can give it the
sticky-session cookie it then sends with the websocket), keeps the query string the app writes
back (`page_info_changed`), and sends the page's script hash when it moves. What it leaves out:
it draws nothing, fetches no media, and ignores cached-message references (they only save
bytes on the wire). It never sends an `Origin` header, so XSRF plays no part.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates
from websockets.asyncio.client import connect

# ScriptFinishedStatus values that end a run normally (the others: a compile error, or a run
# cut short by a newer rerun request, which a well-behaved client never causes).
_FINISHED_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class ProtocolError(Exception):
    """The server answered in a way a browser would show as broken."""


@dataclass
class Run:
    """One script run as the client saw it."""

    page: str
    kind: str  # "open", "filter", "move"
    seconds: float
    bytes: int
    messages: int
    error: str | None = None


@dataclass
class Session:
    """One browser tab's worth of protocol, on `base_url` (http://host:port)."""

    base_url: str
    timeout: float = 60.0
    cookies: dict[str, str] = field(default_factory=dict)
    query_string: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page script hash
    widgets: dict[str, object] = field(default_factory=dict)  # user key -> element proto
    # Widget values this user chose, sent again with every later run as a browser does (a
    # widget missing from a rerun falls back to its default).
    states: dict[str, WidgetState] = field(default_factory=dict)
    _ws: object = None

    def _fetch_index(self, path: str) -> None:
        """GET the page like a browser's first request; keep the cookies a proxy sets."""
        req = urllib.request.Request(f"{self.base_url}/{path}")
        if self.cookies:
            req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 (loopback)
            resp.read()
            for header in resp.headers.get_all("Set-Cookie") or []:
                jar = SimpleCookie()
                jar.load(header)
                self.cookies.update({k: m.value for k, m in jar.items()})

    async def open(self, path: str, query_string: str) -> Run:
        """A fresh link: load the page, connect the websocket, run the script."""
        start = time.perf_counter()
        try:
            async with asyncio.timeout(self.timeout):
                await self._connect(path)
        except (TimeoutError, OSError) as exc:
            error = f"connect: {type(exc).__name__}"
            return Run(path, "open", time.perf_counter() - start, 0, 0, error=error)
        self.query_string = query_string
        return await self._run(path, "open", ClientState(query_string=query_string, page_name=path))

    async def _connect(self, path: str) -> None:
        await asyncio.to_thread(self._fetch_index, path)
        ws_url = self.base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self._ws = await connect(
            ws_url,
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
        )

    async def change_widget(self, path: str, key: str, value: str) -> Run:
        """Pick `value` (its label as shown) in the selectbox whose key is `key`."""
        element = self.widgets.get(key)
        if element is None:
            return Run(path, "filter", 0.0, 0, 0, error=f"no widget {key}")
        self.states[element.id] = WidgetState(id=element.id, string_value=value)
        return await self._run(
            path,
            "filter",
            ClientState(
                query_string=self.query_string,
                page_script_hash=self.pages.get(path, ""),
                widget_states=WidgetStates(widgets=list(self.states.values())),
            ),
        )

    async def move(self, path: str) -> Run:
        """Go to another page of the navigation (as a click in the sidebar does)."""
        page_hash = self.pages.get(path)
        if page_hash is None:
            return Run(path, "move", 0.0, 0, 0, error=f"no page {path!r}")
        self.widgets.clear()
        return await self._run(
            path,
            "move",
            ClientState(
                query_string=self.query_string,
                page_script_hash=page_hash,
                widget_states=WidgetStates(widgets=list(self.states.values())),
            ),
        )

    async def _run(self, path: str, kind: str, state: ClientState) -> Run:
        start = time.perf_counter()
        size = count = 0
        error = None
        try:
            async with asyncio.timeout(self.timeout):
                await self._ws.send(BackMsg(rerun_script=state).SerializeToString())
                while True:
                    raw = await self._ws.recv()
                    size += len(raw)
                    count += 1
                    msg = ForwardMsg.FromString(raw)
                    kind_of = msg.WhichOneof("type")
                    if kind_of == "delta":
                        error = error or self._take_delta(msg)
                    elif kind_of == "navigation":
                        self.pages = {
                            p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages
                        }
                    elif kind_of == "page_info_changed":
                        self.query_string = msg.page_info_changed.query_string
                    elif kind_of == "page_not_found":
                        error = error or "page not found"
                    elif kind_of == "script_finished":
                        if msg.script_finished not in _FINISHED_OK:
                            error = error or f"script finished with status {msg.script_finished}"
                        break
        except TimeoutError:
            error = "timeout"
        return Run(path, kind, time.perf_counter() - start, size, count, error)

    def _take_delta(self, msg) -> str | None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return None
        element = delta.new_element
        which = element.WhichOneof("type")
        if which == "exception":
            return f"exception: {element.exception.type}: {element.exception.message[:120]}"
        if which == "selectbox":
            # Streamlit puts a widget's user key at the end of its element id
            key = element.selectbox.id.rsplit("-", 1)[-1]
            self.widgets[key] = element.selectbox
        return None

    def options(self, key: str) -> list[str]:
        element = self.widgets.get(key)
        return list(element.options) if element is not None else []

    async def close(self) -> None:
        if self._ws is not None:
            ws, self._ws = self._ws, None
            async with asyncio.timeout(15):
                await ws.close()
