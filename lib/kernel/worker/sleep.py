# time.sleep that an interrupt ends at once, with the interpreter and its variables kept.
# Pyodide's own sleep busy-waits in C (Emscripten has no blocking sleep without threads) and
# checks for signals only when it returns, so an interrupt waited out the whole sleep. This one
# waits on the page's SIGINT cell itself (Atomics.wait in interruptible-sleep.ts): the page's
# interrupt wakes it, and it raises KeyboardInterrupt as CPython's sleep does on a real SIGINT.
import math as _math
import time as _time
from functools import wraps as _wraps


def _pylot_install_sleep(wait):
    blocking = _time.sleep

    @_wraps(blocking)
    def sleep(secs, /):
        # Anything but a finite, non-negative number gets the original's own error.
        if not isinstance(secs, (int, float)) or not (0 <= secs < _math.inf):
            return blocking(secs)
        if wait(secs * 1000):
            raise KeyboardInterrupt

    _time.sleep = sleep
