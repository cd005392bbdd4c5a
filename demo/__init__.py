"""The bundled demo site (``site/``) that ``claimlink run --demo`` serves on loopback.

A package only so that the wheel carries the site's files as package data.
"""
