"""PySide6 widgets and item models over the core; the only package that may import Qt."""
