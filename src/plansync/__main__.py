"""``python -m plansync``."""

from __future__ import annotations

from .entry import main

if __name__ == "__main__":
    main()
