"""``python -m tests.beds.hostile_sites``: serve every case by hand and print its address."""

from tests.beds.hostile_sites.server import main

main()
