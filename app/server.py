"""``python -m app.server run streamlit_app.py …``: Streamlit's own command line, with
the server log scrubbed of exception messages.

An exception's message can carry what a person typed (a pydantic error repeats the
input value, a KeyError the key), and Streamlit logs every uncaught exception with its
traceback. The scrubber keeps the type and where it happened (file, line, function), so
an operator can still find the bug, and drops the message. ``hjulet run`` starts the app
through this module."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType
from typing import Any

HIDDEN = "(message hidden: it may hold personal data)"

_original_factory = logging.getLogRecordFactory()


def scrub_exception(
    exc_info: tuple[type[BaseException], BaseException, TracebackType | None],
) -> str:
    """A traceback with every frame (file, line, function) and the exception's type, but
    no message and no source lines (a line of code may hold a literal)."""
    kind, _value, tb = exc_info
    frames = [
        f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
        for frame in (traceback.extract_tb(tb) if tb else [])
    ]
    name = f"{kind.__module__}.{kind.__qualname__}".removeprefix("builtins.")
    return "Traceback (most recent call last):\n" + "".join(frames) + f"{name}: {HIDDEN}"


def _scrubbed_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record = _original_factory(*args, **kwargs)
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = scrub_exception(record.exc_info)
        record.exc_info = None
    if isinstance(record.msg, BaseException):  # logger.warning(exc)
        record.msg = f"{type(record.msg).__qualname__}: {HIDDEN}"
    if isinstance(record.args, tuple) and any(isinstance(a, BaseException) for a in record.args):
        record.args = tuple(
            f"{type(a).__qualname__}: {HIDDEN}" if isinstance(a, BaseException) else a
            for a in record.args
        )
    return record


def install_log_scrubber() -> None:
    """Every log record made from now on in this process has its exception text removed."""
    logging.setLogRecordFactory(_scrubbed_record)


def main() -> None:
    install_log_scrubber()
    from streamlit.web.cli import main as streamlit_main

    sys.argv[0] = "streamlit"
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main()
