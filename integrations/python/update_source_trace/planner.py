"""The planner's command line, compiled for WASI and run in this process by
``wasmtime``: one wheel for every operating system and Python, nothing to
compile and no program on the PATH. Its answers are those of ``planner``
built from source: the same Rust, the same fences, the same messages.
"""

import atexit
import os
import tempfile
import threading
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
WASM = HERE / "planner.wasm"
#: The planner's page with its documentation kit in ``api/``, as built.
PAGE = HERE / "update-source-planner"

_lock = threading.Lock()
_compiled = None


def _module():
    """The compiled planner, once per process (about half a second)."""
    global _compiled
    with _lock:
        if _compiled is None:
            import wasmtime

            engine = wasmtime.Engine()
            _compiled = (engine, wasmtime.Module.from_file(engine, str(WASM)))
        return _compiled


@atexit.register
def _forget():
    """Drops the compiled planner before the interpreter tears wasmtime down."""
    global _compiled
    _compiled = None


def guest_path(path):
    """Where the planner sees a host path: the host's root (the drive's, on
    Windows) is mounted as ``/``, so a fence's ``src=`` may point anywhere
    the writer's files are, as it may with the native planner."""
    p = Path(path).resolve()
    return str(PurePosixPath("/", *p.parts[1:]))


def _root(path):
    return Path(path).resolve().anchor or "/"


def run(args, stdin="", near="."):
    """Runs ``planner ARGS`` with ``stdin`` as its standard input; returns
    (exit status, standard output, standard error). Paths in ``args`` are
    the planner's (see ``guest_path``); ``near`` is a host path on the drive
    to mount."""
    import wasmtime

    engine, module = _module()
    with tempfile.TemporaryDirectory(prefix="update-source-trace-") as folder:
        files = {name: os.path.join(folder, name) for name in ("in", "out", "err")}
        with open(files["in"], "w", encoding="utf-8", newline="") as f:
            f.write(stdin)
        wasi = wasmtime.WasiConfig()
        wasi.argv = ["planner", *args]
        wasi.stdin_file = files["in"]
        wasi.stdout_file = files["out"]
        wasi.stderr_file = files["err"]
        wasi.preopen_dir(_root(near), "/")
        store = wasmtime.Store(engine)
        store.set_wasi(wasi)
        linker = wasmtime.Linker(engine)
        linker.define_wasi()
        instance = linker.instantiate(store, module)
        status = 0
        try:
            instance.exports(store)["_start"](store)
        except wasmtime.ExitTrap as exit:
            status = exit.code
        del instance, store, linker
        read = lambda name: Path(files[name]).read_text(encoding="utf-8")
        return status, read("out"), read("err")
