# Back to a clean interpreter without a new boot (evaluation tasks reuse one interpreter):
# namespace, cwd and its files, sys.path, environment. Made once after boot, in a throwaway
# dict (not __main__) and after the runner is attached, so the baseline is what a cell sees.
import os as _os
import shutil as _shutil
import sys as _sys


def _pylot_make_reset(attach, sink):
    main = _sys.modules["__main__"].__dict__
    baseline = dict(main)
    home = _os.getcwd()
    path = list(_sys.path)
    modules = set(_sys.modules)
    environ = dict(_os.environ)

    def reset():
        _os.chdir(home)
        for name in _os.listdir(home):
            full = _os.path.join(home, name)
            if _os.path.isdir(full) and not _os.path.islink(full):
                _shutil.rmtree(full, ignore_errors=True)
            else:
                _os.unlink(full)
        plt = _sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            plt.close("all")
        main.clear()
        main.update(baseline)
        _sys.path[:] = path
        _os.environ.clear()
        _os.environ.update(environ)
        # Modules the task imported stay cached (that is the point of reusing), except its own
        # files: a module written under the cwd must not leak into the next task.
        for name, mod in list(_sys.modules.items()):
            if name not in modules and (getattr(mod, "__file__", None) or "").startswith(home):
                del _sys.modules[name]
        attach(sink)
        import gc

        gc.collect()

    return reset
