"""Watching an X display from outside a process: when does its window get mapped?

Uses libX11 through ctypes (no extra package): the watcher asks the X server for the root
window's SubstructureNotify events before the process starts, so it is told the moment a
top-level window is mapped (no polling interval, no CPU taken from the process measured).
A window counts when it is not override-redirect (not a popup or tooltip) and its
``_NET_WM_PID`` is the launched process's (Qt sets it on every top-level window).

Also starts and stops a private Xvfb server.
"""

from __future__ import annotations

import ctypes
import os
import select
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

MAP_NOTIFY = 19
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
XA_WM_NAME = 39
ANY_PROPERTY_TYPE = 0


class _XMapEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("event", ctypes.c_ulong),
        ("window", ctypes.c_ulong),
        ("override_redirect", ctypes.c_int),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xmap", _XMapEvent), ("pad", ctypes.c_long * 24)]


def _xlib() -> ctypes.CDLL:
    lib = ctypes.CDLL("libX11.so.6")
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
    lib.XConnectionNumber.argtypes = [ctypes.c_void_p]
    lib.XPending.argtypes = [ctypes.c_void_p]
    lib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
    lib.XFlush.argtypes = [ctypes.c_void_p]
    lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    lib.XInternAtom.restype = ctypes.c_ulong
    lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.XGetWindowProperty.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_ulong,
        ctypes.c_long,
        ctypes.c_long,
        ctypes.c_int,
        ctypes.c_ulong,
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_int),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.POINTER(ctypes.c_void_p),
    ]
    lib.XFree.argtypes = [ctypes.c_void_p]
    # A window that disappears between the event and our question must not kill us.
    handler_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)
    lib._keep_handler = handler_type(lambda _d, _e: 0)  # type: ignore[attr-defined]
    lib.XSetErrorHandler.argtypes = [handler_type]
    lib.XSetErrorHandler(lib._keep_handler)  # type: ignore[attr-defined]
    return lib


class Xvfb:
    """A private virtual screen: ``with Xvfb() as display: ...`` (display is ":N")."""

    def __init__(self, size: str = "1400x900x24") -> None:
        self.size = size
        self.process: subprocess.Popen | None = None
        self.display = ""

    def __enter__(self) -> str:
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", self.size, "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        number = b""
        ready, _, _ = select.select([read], [], [], 15)
        while ready:
            chunk = os.read(read, 16)
            if not chunk:
                break
            number += chunk
            if number.endswith(b"\n"):
                break
            ready, _, _ = select.select([read], [], [], 15)
        os.close(read)
        if not number.strip():
            self.process.kill()
            raise RuntimeError("Xvfb did not start (is the xvfb package installed?)")
        self.display = f":{number.decode().strip()}"
        return self.display

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()


@dataclass
class Launch:
    """One process started by ``MapWatcher.launch``: when its window appeared."""

    process: subprocess.Popen
    mapped_after: float | None  # seconds from launch to the window mapped; None: never
    window: int | None
    error: str = ""
    title: str = ""
    others: list[tuple[float, str]] = field(default_factory=list)  # (seconds, title)


class MapWatcher:
    """Listens on one display for top-level windows being mapped."""

    def __init__(self, display: str) -> None:
        self.x = _xlib()
        self.dpy = self.x.XOpenDisplay(display.encode())
        if not self.dpy:
            raise RuntimeError(f"cannot open display {display}")
        self.root = self.x.XDefaultRootWindow(self.dpy)
        self.pid_atom = self.x.XInternAtom(self.dpy, b"_NET_WM_PID", 0)
        self.net_name_atom = self.x.XInternAtom(self.dpy, b"_NET_WM_NAME", 0)
        self.x.XSelectInput(self.dpy, self.root, SUBSTRUCTURE_NOTIFY_MASK)
        self.x.XSync(self.dpy, 0)
        self.fd = self.x.XConnectionNumber(self.dpy)

    def close(self) -> None:
        if self.dpy:
            self.x.XCloseDisplay(self.dpy)
            self.dpy = None

    def _property(self, window: int, atom: int, length: int) -> tuple[int, int, bytes]:
        """(format, item count, raw bytes) of a window property; (0, 0, b"") if unset."""
        actual_type = ctypes.c_ulong()
        actual_format = ctypes.c_int()
        items = ctypes.c_ulong()
        after = ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = self.x.XGetWindowProperty(
            self.dpy,
            window,
            atom,
            0,
            length,
            0,
            ANY_PROPERTY_TYPE,
            ctypes.byref(actual_type),
            ctypes.byref(actual_format),
            ctypes.byref(items),
            ctypes.byref(after),
            ctypes.byref(data),
        )
        if status != 0 or not data.value:
            return 0, 0, b""
        try:
            size = {8: 1, 16: ctypes.sizeof(ctypes.c_short), 32: ctypes.sizeof(ctypes.c_long)}
            width = size.get(actual_format.value, 0)
            return actual_format.value, items.value, ctypes.string_at(data, items.value * width)
        finally:
            self.x.XFree(data)

    def _pid_of(self, window: int) -> int | None:
        fmt, items, raw = self._property(window, self.pid_atom, 1)
        if fmt != 32 or items < 1:
            return None
        return ctypes.c_ulong.from_buffer_copy(raw[: ctypes.sizeof(ctypes.c_ulong)]).value

    def name_of(self, window: int) -> str:
        """The window's title (``_NET_WM_NAME``, else ``WM_NAME``)."""
        for atom in (self.net_name_atom, XA_WM_NAME):
            fmt, _items, raw = self._property(window, atom, 1024)
            if fmt == 8 and raw:
                return raw.decode("utf-8", "replace")
        return ""

    def _drain(self) -> None:
        event = _XEvent()
        while self.x.XPending(self.dpy):
            self.x.XNextEvent(self.dpy, ctypes.byref(event))

    def launch(
        self,
        argv: Sequence[str],
        env: dict[str, str],
        title: str = "",
        timeout: float = 60.0,
        **popen,
    ) -> Launch:
        """Start ``argv`` and return as soon as one of its windows whose title contains
        ``title`` is mapped. Other windows it maps first are listed in ``Launch.others``."""
        self._drain()
        event = _XEvent()
        start = time.perf_counter()
        process = subprocess.Popen(list(argv), env=env, **popen)
        others: list[tuple[float, str]] = []
        deadline = start + timeout
        while True:
            while self.x.XPending(self.dpy):
                self.x.XNextEvent(self.dpy, ctypes.byref(event))
                if event.type != MAP_NOTIFY or event.xmap.override_redirect:
                    continue
                seen = time.perf_counter()
                window = int(event.xmap.window)
                pid = self._pid_of(window)
                if pid not in (None, process.pid):
                    continue
                name = self.name_of(window)
                if title in name:
                    return Launch(process, seen - start, window, title=name, others=others)
                others.append((seen - start, name))
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return Launch(process, None, None, "timed out waiting for a window", others=others)
            if process.poll() is not None:
                error = f"exited with status {process.returncode}"
                return Launch(process, None, None, error, others=others)
            select.select([self.fd], [], [], min(remaining, 0.05))
