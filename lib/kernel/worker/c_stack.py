# Gives CPython's compiler the wide C stack it needs, while running code keeps the narrow one
# (stack-limit.ts says why the two differ). Every compile goes through builtins.compile: the
# cell runner, imports from source (importlib, zipimport) and ast.parse. exec/eval of a string
# compile in C under the narrow limit, which small strings fit.
import builtins

import _pylot_c_stack


def _install():
    original = builtins.compile
    if getattr(original, "_pylot_wide_stack", False):
        return
    depth = 0

    def compile(*args, **kwargs):
        nonlocal depth
        if depth == 0:
            _pylot_c_stack.widen()
        depth += 1
        try:
            return original(*args, **kwargs)
        finally:
            depth -= 1
            if depth == 0:
                _pylot_c_stack.narrow()

    compile.__doc__ = original.__doc__
    compile.__wrapped__ = original
    compile._pylot_wide_stack = True
    builtins.compile = compile


_install()
del _install
