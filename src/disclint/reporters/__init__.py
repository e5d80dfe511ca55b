"""Reporters: one module per output format, registered through the reporters hook."""
