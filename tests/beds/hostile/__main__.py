"""``python -m tests.beds.hostile``: serve the bed by hand and print every page's address."""

from tests.beds.hostile.server import main

main()
