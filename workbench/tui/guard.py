"""Stopping the review screen cleanly: SIGTERM/SIGHUP through the event loop, and a fault as one line, not a traceback.

A Python signal handler runs only when the main thread runs Python code; the screen's main
thread waits in the event loop's select, so a handler that raises (as the command line's does)
would land at the next key. `loop.add_signal_handler` wakes the loop at once instead. The
screen then lets go of its lock and exits; the journal (written before every change returns)
keeps every change, and the command line prints `stop_message` as its one line.

An exception the screen did not expect (a bug, or a file it could not guard against) would make
Textual print a rich traceback and exit 0; here it exits non-zero with one line instead, and
Pilot tests still see the exception (Textual keeps it in `_exception`).
"""
from __future__ import annotations

import asyncio
import signal

from workbench.errors import UserError, one_line

_SIGNALS = {signal.SIGTERM: ("SIGTERM", 143), signal.SIGHUP: ("SIGHUP", 129)}


class GuardMixin:
    """Mixed into the App: `stop_message` / `stop_code` say why and how it stopped (None: it did not)."""

    stop_message: str | None = None
    stop_code: int = 0
    _saved_handlers: dict | None = None

    def guard_signals(self) -> None:
        """From on_mount (in the event loop): SIGTERM and SIGHUP stop the screen at once."""
        try:
            loop = asyncio.get_running_loop()
            saved = {}
            for sig in _SIGNALS:
                saved[sig] = signal.getsignal(sig)
                loop.add_signal_handler(sig, self._signalled, sig)
            self._saved_handlers = saved
        except (RuntimeError, ValueError, NotImplementedError):  # not the main thread: nothing to guard
            self._saved_handlers = None

    def unguard_signals(self) -> None:
        saved, self._saved_handlers = self._saved_handlers, None
        if not saved:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        for sig, handler in saved.items():
            try:
                if loop is not None:
                    loop.remove_signal_handler(sig)
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
            except (RuntimeError, ValueError, OSError):
                pass

    def _signalled(self, sig: int) -> None:
        name, code = _SIGNALS[sig]
        if self.stop_message is None:
            self.stop_message = f"stopped by {name}; every change made is kept in the journal"
            self.stop_code = code
        self.stop_now()

    def cancel_loading(self) -> None:
        """Stop the reading of a file being opened (the app says how)."""

    def stop_now(self) -> None:
        """Let go of the session (its lock; the journal stays) and exit."""
        self.cancel_loading()  # a long PDF being read stops at once
        session = getattr(self, "session", None)
        if session is not None:
            try:
                session.close()
            except Exception:  # the lock file may be gone with its folder: exit all the same
                pass
        self.exit(return_code=self.stop_code or 1)

    def _handle_exception(self, error: Exception) -> None:
        super()._handle_exception(error)  # Textual exits, and keeps the error for Pilot
        self._exit_renderables.clear()    # … but prints no traceback
        if self.stop_message is None:
            cause = getattr(error, "error", None) or error  # a worker's failure wraps the error
            if isinstance(cause, UserError):
                self.stop_message, self.stop_code = str(cause), cause.exit_code
            elif isinstance(cause, RecursionError):
                self.stop_message, self.stop_code = "a file nests too deeply to be read; the journal is kept", 2
            else:
                self.stop_message = one_line(f"internal error in the review screen ({type(cause).__name__}: {cause}); "
                                             "every change made is kept in the journal; please report it")
                self.stop_code = 70
        try:
            session = getattr(self, "session", None)
            if session is not None:
                session.close()
        except Exception:
            pass
