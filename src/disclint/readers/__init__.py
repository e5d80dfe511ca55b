"""Readers: each input format into the same document model."""
