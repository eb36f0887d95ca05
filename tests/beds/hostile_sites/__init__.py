"""A blind test bed of hostile WEBSITES: 39 sites (plus two controls) on loopback, each a clear finding.

Every case is its own site on its own port of 127.0.0.1; 127.0.0.2 is "another host" (redirect targets,
pop-up and form destinations, challenge scripts). ``key.json`` is the answer key; README.md explains it::

    from tests.beds.hostile_sites import HostileSites, CASES

    with HostileSites.started() as beds:
        beds.url("redirect-loop")               # "http://127.0.0.1:PORT/"
        beds.count("popup-flood", "elsewhere")  # requests 127.0.0.2 received for that case
        beds.ca_file                            # the bed's CA, for the TLS cases
"""

from tests.beds.hostile_sites.server import CASE_IDS, CASES, CASES_BY_ID, KEY, Hit, HostileSites

__all__ = ["CASES", "CASES_BY_ID", "CASE_IDS", "KEY", "Hit", "HostileSites"]
