"""Referat workbench: parse Danish municipal minutes into verified `referat/1` records."""

__version__ = "0.1.0"
SCHEMA = "referat/1"
