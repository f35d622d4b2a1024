"""The package installs offline, as the README says, into a virtual environment over Debian's grpcio."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def test_pip_installs_it_offline_into_a_venv_with_system_site_packages(tmp_path: Path) -> None:
    # A copy, so that setuptools' build/ and egg-info stay out of the checkout.
    source = tmp_path / "source"
    shutil.copytree(
        PACKAGE, source, ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info", "node_modules", "tests")
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-index", "--no-build-isolation", str(source)],
        check=True,
        env={"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    probe = (
        "import pathlib, pixelrpc;"
        "root = pathlib.Path(pixelrpc.__file__).parent;"
        "assert (root / 'py.typed').exists() and (root / 'image/v1/image_service_pb2.pyi').exists();"
        "print(pixelrpc.__version__, root)"
    )
    shown = subprocess.run(
        [python, "-c", probe], cwd=tmp_path, check=True, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}
    ).stdout
    version, location = shown.split()
    assert version == "0.1.0" and location.startswith(str(venv))
