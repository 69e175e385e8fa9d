"""Puts the simulator's library (libclusapi_sim.so) beside clusapi_sim_compat.py in the wheel,
where the module's find_library() looks first after $CLUSAPI_SIM_LIB. The metadata is in
pyproject.toml.

The library is $CLUSAPI_SIM_LIB when set, else the output of `cargo build --release --lib` run
in the repository (into $CARGO_TARGET_DIR, or target/)."""

import os
import shutil
import subprocess

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SO = "libclusapi_sim.so"


def library():
    env = os.environ.get("CLUSAPI_SIM_LIB")
    if env:
        if not os.path.isfile(env):
            raise SystemExit(f"CLUSAPI_SIM_LIB={env!r} is not a file")
        return env
    subprocess.run(["cargo", "build", "--release", "--lib"], cwd=REPO, check=True)
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
    return os.path.join(target, "release", SO)


class BuildPyWithLibrary(build_py):
    """build_py, then the library copied next to the module."""

    def run(self):
        super().run()
        shutil.copy(library(), os.path.join(self.build_lib, SO))


class BinaryDistribution(Distribution):
    """A wheel for this platform: it holds a native library."""

    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildPyWithLibrary}, distclass=BinaryDistribution)
