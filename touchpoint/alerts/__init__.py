"""Alerts: incidents (a breach, a failed error-level budget, a page down, a speed regression)
opened and closed from run to run, each told once through Apprise, and once when it recovers.

    touchpoint.alerts.incidents     pure: what is wrong now, what changed since the last runs
    touchpoint.alerts.receivers     the profile's Apprise URLs, secrets from the environment
    touchpoint.alerts.notify        the ledger's incidents, and the messages sent through Apprise
    touchpoint.alerts.plugin_hooks  the step after the report, on the controller
"""
