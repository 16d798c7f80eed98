"""The bundled sample plans (three real published plans, byte for byte) and the demo pair."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from duizhao.corpus.errors import InputError
from duizhao.corpus.model import Plan

SAMPLES = {
    "hubei": "hubei-province.txt",
    "gaoxin": "hubei-xiangyang-gaoxin-district-draft.txt",
    "yaohai": "anhui-hefei-yaohai-district-draft.txt",
}
DEMO_PAIR = ("hubei", "gaoxin")
"""Hubei province → Gaoxin district: the one real parent → child pair in the samples."""


def sample_path(name: str) -> Path:
    """Filesystem path of a bundled sample by its short name (hubei, gaoxin, yaohai)."""
    if name not in SAMPLES:
        raise InputError(
            f"--sample {name}", "unknown sample (choose from {samples})", samples=", ".join(SAMPLES)
        )
    return Path(str(resources.files("duizhao.corpus") / "samples" / SAMPLES[name]))


def load_sample(name: str) -> Plan:
    """A bundled sample parsed, named by its file name (so reports name no machine's path)."""
    from duizhao.corpus.load import load_plan

    return load_plan(sample_path(name), name=SAMPLES[name])


def sample_folder() -> Path:
    """The folder holding the bundled samples."""
    return sample_path("hubei").parent
