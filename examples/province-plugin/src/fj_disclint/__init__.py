"""An example province package for disclint (see docs/writing-plugins.md)."""
