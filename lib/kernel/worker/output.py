"""Where a running cell's output goes: the outbox, and sys.stdout / sys.stderr.

Installed as module ``_pylot_output``. Outputs are nbformat dicts, collected in the
running cell's outbox and handed to the worker's sink as one JSON string per batch:
at most every FLUSH_INTERVAL seconds or FLUSH_BYTES of text, and always when the cell
ends. A cell printing 100 000 lines costs a few dozen messages, not 100 000.
"""

import io
import json
import sys
import time

OUTPUT_FILE = (lambda: None).__code__.co_filename

FLUSH_INTERVAL = 0.016
FLUSH_BYTES = 64 * 1024
CLOCK_EVERY = 32

current = None  # the running cell's Outbox; None between cells


class Outbox:
    """Outputs of the running cell, waiting to be sent to the page.

    Stream text is kept as a list of chunks joined at flush: `item["text"] += chunk`
    would copy the whole pending text on every print.
    """

    def __init__(self, sink):
        self.sink = sink
        self.items = []  # finished outputs of this batch
        self.chunks = []  # text of the open stream output
        self.chunks_name = None
        self.size = 0
        self.lines_to_check = 1
        # -inf: the first line of a cell goes out at once, so `print(); sleep()` shows up.
        self.last_flush = float("-inf")

    def stream(self, name, text):
        if name != self.chunks_name:
            self._close_stream()
            self.chunks_name = name
        self.chunks.append(text)
        self.size += len(text)
        if self.size >= FLUSH_BYTES or "\n" in text:
            self.line_written()

    def line_written(self):
        """Line-buffered like a terminal, and rate-limited: a finished line goes out at once
        unless a batch went out less than FLUSH_INTERVAL ago. Reading the clock costs as
        much as a print, so while lines pour in faster than that it is read every
        CLOCK_EVERY lines. (No timer can flush a line left pending before a long
        computation: a running cell blocks the worker; it goes out with the next write.)"""
        if self.size >= FLUSH_BYTES:
            self.flush()
            return
        self.lines_to_check -= 1
        if self.lines_to_check <= 0:
            if time.monotonic() - self.last_flush >= FLUSH_INTERVAL:
                self.flush()
            else:
                self.lines_to_check = CLOCK_EVERY

    def _close_stream(self):
        if self.chunks:
            self.items.append(
                {"output_type": "stream", "name": self.chunks_name, "text": "".join(self.chunks)})
            self.chunks = []
        self.chunks_name = None

    def add(self, output):
        self._close_stream()
        self.items.append(output)
        self.flush()

    def flush(self):
        self.last_flush = time.monotonic()
        self.lines_to_check = 1
        self._close_stream()
        if not self.items:
            return
        batch, self.items, self.size = self.items, [], 0
        self.sink(json.dumps(batch, allow_nan=False, default=repr))


def emit_stream(name, text):
    if current is not None:
        current.stream(name, text)
    else:  # output after a cell ended (a callback, a task): keep it visible somewhere
        getattr(sys, "__" + name + "__").write(text)


def add(output):
    if current is not None:
        current.add(output)


def warn(message):
    emit_stream("stderr", message + "\n")


class CellStream(io.TextIOBase):
    """sys.stdout / sys.stderr: text goes to the running cell's outbox."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, name):
        super().__init__()
        self._name = name
        self.buffer = _CellBytes(self)

    @property
    def name(self):
        return "<" + self._name + ">"

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not " + type(s).__name__)
        box = current
        if box is not None and box.chunks_name == self._name:
            # Outbox.stream inlined: every print takes this path, twice (text, then "\n").
            box.chunks.append(s)
            box.size += len(s)
            if box.size >= FLUSH_BYTES or "\n" in s:
                box.line_written()
        elif s:
            emit_stream(self._name, s)
        return len(s)

    def flush(self):
        if current is not None:
            current.flush()


class _CellBytes(io.RawIOBase):
    """sys.stdout.buffer, for code that writes bytes."""

    def __init__(self, text):
        super().__init__()
        self._text = text

    def writable(self):
        return True

    def write(self, b):
        self._text.write(bytes(b).decode("utf-8", "replace"))
        return len(b)
