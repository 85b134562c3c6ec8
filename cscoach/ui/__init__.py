"""The Qt user interface: the only package that imports PySide6."""

from cscoach.ui.none_refcount import keep_none_alive

keep_none_alive()  # before any call into Qt: see none_refcount.py
