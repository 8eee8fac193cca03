"""Where the seed plans live: Botkyrka, Haninge and Örebro, transcribed from
their adopted documents."""

from pathlib import Path

SEED_PLAN_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "plans"
