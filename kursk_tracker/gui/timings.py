"""The morph's timings as the panels name and explain them: one text for the Timeline and the Animation."""

from __future__ import annotations

from ..toolbelt.i18n import tr


def timing_texts() -> dict[str, tuple[str, str]]:
    """Each timing's name and what it means in one sentence, in the interface's language."""
    return {
        "linear": (
            tr("Linear"),
            tr(
                "Linear: the front moves evenly from one snapshot to the next, "
                "so every frame shows it moving."
            ),
        ),
        "eased": (
            tr("Eased"),
            tr(
                "Eased: the ground changes hands in short jumps, most around the "
                "middle of each interval; the likeliest timing, the one the measured "
                "figures use."
            ),
        ),
    }


def timing_words(timing: str) -> tuple[str, str]:
    """The name and sentence of `timing` ("linear" for anything unknown)."""
    texts = timing_texts()
    return texts.get(timing, texts["linear"])
